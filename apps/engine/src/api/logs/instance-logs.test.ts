import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { LogsPage } from '@weir/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeirError } from '../../errors/weir-error.js';
import { LogStore } from '../../logging/log-store.js';
import { InstanceLogs, LOGS_FORWARDED_BY_HEADER } from './instance-logs.js';

const PAGE: LogsPage = { instanceId: 'b', lines: [], before: null, after: 7 };

describe('InstanceLogs', () => {
  let server: Server;
  let address = '';
  const asked: { url: string; headers: IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      asked.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: { data: PAGE } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    address = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const store = new LogStore();
  store.add(JSON.stringify({ level: 40, time: 1, msg: 'mine', job: 'j' }));
  const logs = () =>
    new InstanceLogs({
      instanceId: 'a',
      store,
      instances: async () => [
        { instanceId: 'a', apiAddress: 'http://127.0.0.1:1' },
        { instanceId: 'b', apiAddress: address },
        { instanceId: 'gone', apiAddress: 'http://127.0.0.1:1' },
      ],
      timeoutMs: 2000,
    });
  const caller = { credentialHeaders: { cookie: 'weir_session=s3cret' }, forwardedBy: null };

  it('answers for itself from its own store', async () => {
    for (const instanceId of [undefined, 'a']) {
      const page = await logs().query({ instanceId, limit: 10 }, caller);
      expect(page.instanceId).toBe('a');
      expect(page.lines.map((l) => l.msg)).toEqual(['mine']);
    }
  });

  it("asks another instance through its API, with the caller's credentials", async () => {
    const page = await logs().query(
      { instanceId: 'b', jobId: 'j', level: 'warn', text: 'x', limit: 5 },
      caller,
    );
    expect(page).toEqual(PAGE);
    const last = asked.at(-1);
    expect(last?.headers.cookie).toBe('weir_session=s3cret');
    expect(last?.headers[LOGS_FORWARDED_BY_HEADER]).toBe('a');
    const input = new URL(last?.url ?? '', address).searchParams.get('input');
    expect(last?.url.startsWith('/trpc/logs.query?')).toBe(true);
    expect(JSON.parse(input ?? '')).toEqual({
      instanceId: 'b',
      jobId: 'j',
      level: 'warn',
      text: 'x',
      limit: 5,
    });
  });

  it('never forwards a forwarded call, and names instances it cannot find or reach', async () => {
    const count = asked.length;
    await expect(
      logs().query({ instanceId: 'b', limit: 5 }, { ...caller, forwardedBy: 'c' }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(asked.length).toBe(count);
    await expect(logs().query({ instanceId: 'nobody', limit: 5 }, caller)).rejects.toThrow(
      'instance nobody not found',
    );
    const unreachable = logs().query({ instanceId: 'gone', limit: 5 }, caller);
    await expect(unreachable).rejects.toBeInstanceOf(WeirError);
    await expect(unreachable).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
