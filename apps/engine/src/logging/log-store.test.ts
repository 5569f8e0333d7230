import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A pino-shaped line. */
const line = (i: number, fields: Record<string, unknown> = {}) =>
  JSON.stringify({ level: 30, time: T0 + i * 1000, msg: `line ${i}`, ...fields });

const fill = (store: LogStore, count: number, fields: (i: number) => Record<string, unknown>) => {
  for (let i = 1; i <= count; i++) store.add(line(i, fields(i)));
};

describe('LogStore', () => {
  it('parses a line once: time, level, message, job, vertex and subtask', () => {
    const store = new LogStore();
    store.write(
      `${line(1, { level: 50, job: 'clicks', vertex: 'v1', subtask: 2, msg: 'subtask failed' })}\n`,
    );
    const [only] = store.query({ limit: 10 }).lines;
    expect(only).toMatchObject({
      seq: 1,
      at: new Date(T0 + 1000).toISOString(),
      level: 'error',
      msg: 'subtask failed',
      jobId: 'clicks',
      vertexId: 'v1',
      subtaskIndex: 2,
    });
  });

  it('keeps no secret a line holds: the first admin password, tokens, cookies', () => {
    const store = new LogStore();
    store.add(
      line(1, {
        level: 40,
        username: 'admin',
        firstAdminPassword: 'hunter2-generated',
        req: { headers: { cookie: 'weir_session=abc', authorization: 'Bearer xyz' } },
        source: { sasl: { password: { env: 'KAFKA_PASSWORD' } } },
      }),
    );
    const [only] = store.query({ limit: 1 }).lines;
    expect(only?.line).not.toMatch(/hunter2|weir_session=abc|Bearer xyz/);
    expect(JSON.parse(only?.line ?? '')).toMatchObject({
      username: 'admin',
      firstAdminPassword: '[redacted]',
      req: { headers: { cookie: '[redacted]', authorization: '[redacted]' } },
      // A reference names where the secret is, not the secret.
      source: { sasl: { password: { env: 'KAFKA_PASSWORD' } } },
    });
    expect(store.query({ limit: 1, text: 'hunter2' }).lines).toEqual([]);
  });

  it('joins chunks into lines and keeps text that is not JSON as an info line', () => {
    const store = new LogStore();
    const whole = `${line(1)}\n`;
    store.write(whole.slice(0, 10));
    expect(store.size).toBe(0);
    store.write(`${whole.slice(10)}plain text\n`);
    expect(store.query({ limit: 10 }).lines.map((l) => [l.msg, l.level])).toEqual([
      ['plain text', 'info'],
      ['line 1', 'info'],
    ]);
  });

  it('keeps the newest lines within the line and byte bounds', () => {
    const byCount = new LogStore({ maxLines: 100 });
    fill(byCount, 1000, () => ({}));
    expect(byCount.size).toBe(100);
    const page = byCount.query({ limit: 500 });
    expect(page.lines[0]?.seq).toBe(1000);
    expect(page.lines.at(-1)?.seq).toBe(901);
    expect(page.before).toBeNull();

    const byBytes = new LogStore({ maxBytes: 50_000 });
    fill(byBytes, 5000, () => ({ padding: 'x'.repeat(200) }));
    expect(byBytes.byteSize).toBeLessThanOrEqual(50_000);
    expect(byBytes.size).toBeGreaterThan(10);
    expect(byBytes.size).toBeLessThan(100);
    expect(byBytes.query({ limit: 1 }).lines[0]?.seq).toBe(5000);
  });

  it('cuts a line over the limit', () => {
    const store = new LogStore({ maxLineChars: 100 });
    store.add(line(1, { job: 'big', padding: 'y'.repeat(1000) }));
    const [only] = store.query({ limit: 1 }).lines;
    expect(only?.line.length).toBeLessThanOrEqual(101);
    expect(only?.jobId).toBe('big');
  });

  it('filters by job, level at or above, time range and text, case-insensitive', () => {
    const store = new LogStore();
    fill(store, 100, (i) => ({
      job: i % 2 === 0 ? 'even' : 'odd',
      level: i % 10 === 0 ? 50 : i % 5 === 0 ? 40 : 30,
      msg: i === 42 ? 'Checkpoint FAILED here' : `line ${i}`,
    }));
    const seqs = (q: Parameters<LogStore['query']>[0]) => store.query(q).lines.map((l) => l.seq);
    expect(seqs({ limit: 500, jobId: 'even', level: 'warn' })).toEqual([
      100, 90, 80, 70, 60, 50, 40, 30, 20, 10,
    ]);
    expect(seqs({ limit: 500, level: 'error' })).toHaveLength(10);
    expect(seqs({ limit: 500, level: 'warn' })).toHaveLength(20);
    expect(seqs({ limit: 500, text: 'checkpoint failed' })).toEqual([42]);
    expect(
      seqs({
        limit: 500,
        from: new Date(T0 + 10_000).toISOString(),
        to: new Date(T0 + 12_000).toISOString(),
      }),
    ).toEqual([12, 11, 10]);
    expect(seqs({ limit: 500, jobId: 'none' })).toEqual([]);
  });

  it('pages back with the before cursor, newest first, without gaps or repeats', () => {
    const store = new LogStore({ maxLines: 1000 });
    fill(store, 1500, (i) => ({ job: i % 3 === 0 ? 'a' : 'b' }));
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = store.query({ limit: 70, jobId: 'a', beforeSeq: before });
      seen.push(...page.lines.map((l) => l.seq));
      if (page.before === null) break;
      before = page.before;
    }
    const expected = [];
    for (let i = 1500; i > 500; i--) if (i % 3 === 0) expected.push(i);
    expect(seen).toEqual(expected);
  });

  it('follows with the after cursor: only newer lines, none missed, the cursor moving on', () => {
    const store = new LogStore();
    fill(store, 10, () => ({}));
    const first = store.query({ limit: 5 });
    expect(first.after).toBe(10);
    expect(store.query({ limit: 5, afterSeq: first.after }).lines).toEqual([]);

    for (let i = 11; i <= 30; i++) store.add(line(i, { level: i % 2 === 0 ? 40 : 30 }));
    const followed: number[] = [];
    let after = first.after;
    for (let polls = 0; polls < 10; polls++) {
      const page = store.query({ limit: 4, afterSeq: after, level: 'warn' });
      // Newest first within a page; the page holds the oldest lines not yet seen.
      followed.unshift(...page.lines.map((l) => l.seq));
      if (page.after === after) break;
      after = page.after;
    }
    expect(followed).toEqual([30, 28, 26, 24, 22, 20, 18, 16, 14, 12]);
    expect(after).toBe(30);
  });

  it('follows from a cursor that was evicted meanwhile, from the oldest line kept', () => {
    const store = new LogStore({ maxLines: 10 });
    fill(store, 5, () => ({}));
    const { after } = store.query({ limit: 1 });
    for (let i = 6; i <= 50; i++) store.add(line(i));
    const page = store.query({ limit: 100, afterSeq: after });
    expect(page.lines.map((l) => l.seq)).toEqual([50, 49, 48, 47, 46, 45, 44, 43, 42, 41]);
  });
});
