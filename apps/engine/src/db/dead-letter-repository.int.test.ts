import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../testing/shared-database.js';
import type { DeadLetterBatch } from '../core/dead-letter-batch.js';
import { DeadLetterRepository, reasonKindOf } from './dead-letter-repository.js';

const batch = (
  epoch: number,
  vertexId: string,
  records: string[],
  options: { count?: number; reason?: string; at?: string } = {},
): DeadLetterBatch => ({
  id: randomUUID(),
  epoch,
  vertexId,
  subtaskIndex: 0,
  count: options.count ?? records.length,
  letters: records.map((record) => ({
    at: options.at ?? new Date().toISOString(),
    operatorUid: vertexId,
    reason: options.reason ?? `malformed JSON: at ${record}`,
    record,
    truncated: false,
  })),
});

const records = async (repo: DeadLetterRepository, jobId: string) => {
  const out: string[] = [];
  for await (const page of repo.matching({ cluster: 'embedded', jobId }, 2))
    out.push(...page.map((l) => l.record));
  return out.sort();
};

// Dead letters are published by whichever instance leads; publishing a batch again (a restore
// of the snapshot that stored it, a second leader racing a deposed one) must change nothing.
describe('DeadLetterRepository', () => {
  const dbs = sharedDatabase();

  it('publishes each batch once, from two instances at once, and counts beyond what it keeps', async () => {
    const one = new DeadLetterRepository(dbs().first.prisma);
    const other = new DeadLetterRepository(dbs().second.prisma);
    const a = batch(1, 'parse', ['a1', 'a2']);
    // 5 counted, 1 kept: the subtask's budget was spent.
    const b = batch(2, 'window', ['b1'], { count: 5, reason: 'field "ts" is not a number' });
    await Promise.all([one.publish('j1', [a, b], null), other.publish('j1', [a, b], null)]);
    await one.publish('j1', [a], null);
    const page = await other.page({ cluster: 'embedded', jobId: 'j1', limit: 10 });
    expect(page.counted).toBe(7);
    expect(page.matching).toBe(3);
    expect(page.reasons).toEqual(
      expect.arrayContaining([
        { reasonKind: 'malformed JSON', count: 2 },
        { reasonKind: 'field "ts" is not a number', count: 1 },
      ]),
    );
    expect(await records(other, 'j1')).toEqual(['a1', 'a2', 'b1']);
    const parse = await other.page({
      cluster: 'embedded',
      jobId: 'j1',
      vertexId: 'parse',
      limit: 1,
    });
    expect(parse.counted).toBe(2);
    expect(parse.items.map((l) => l.record)).toEqual(['a2']);
    const older = await other.page({
      cluster: 'embedded',
      jobId: 'j1',
      vertexId: 'parse',
      limit: 1,
      cursor: parse.nextCursor ?? undefined,
    });
    expect(older.items.map((l) => l.record)).toEqual(['a1']);
    expect(older.nextCursor).toBeNull();
  });

  it('rewinds what was published after the restored snapshot, keeping what it stored', async () => {
    const repo = new DeadLetterRepository(dbs().first.prisma);
    const before = batch(3, 'parse', ['kept-before']);
    await repo.publish('j2', [before], null);
    const writtenAt = new Date();
    const stored = batch(4, 'parse', ['stored-in-snapshot']);
    const later = batch(5, 'parse', ['processed-again']);
    const final = batch(0, 'parse', ['final-processed-again']);
    await repo.publish('j2', [stored, later, final], null);
    // The run restarts from checkpoint 4, which stored `stored`: 5 and the final batch go.
    await repo.publish('j2', [stored], { checkpointId: 4, writtenAt, keep: [stored.id] });
    expect(await records(repo, 'j2')).toEqual(['kept-before', 'stored-in-snapshot']);
    expect((await repo.page({ cluster: 'embedded', jobId: 'j2', limit: 1 })).counted).toBe(2);
  });

  it('prunes by age and past the per-job budget, and the counts stay exact', async () => {
    const repo = new DeadLetterRepository(dbs().first.prisma);
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await repo.publish('j3', [batch(1, 'parse', ['old'], { at: old })], null);
    await repo.publish(
      'j3',
      [
        batch(
          2,
          'parse',
          Array.from({ length: 1200 }, (_, i) => `r${i}`),
        ),
      ],
      null,
    );
    await repo.prune(new Date(Date.now() - 7 * 86_400_000), 1000);
    const page = await repo.page({ cluster: 'embedded', jobId: 'j3', limit: 1 });
    expect(page.matching).toBe(1000);
    // The old letter went; its batch (published now) still counts it.
    expect(page.counted).toBe(1201);
    expect((await records(repo, 'j3')).includes('old')).toBe(false);
  });

  it('groups reasons by what comes before the first colon', () => {
    expect(reasonKindOf('malformed JSON: Unexpected token (t/0@3)')).toBe('malformed JSON');
    expect(reasonKindOf('missing field "user"')).toBe('missing field "user"');
  });
});
