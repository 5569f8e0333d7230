import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../testing/test-http.js';
import { leaderForwarding } from './leader-forwarding.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('leader forwarding', () => {
  it('tells the caller the leader cannot be reached once it stays silent too long', async () => {
    // A leader that takes calls and never answers them: frozen, or hung.
    let calls = 0;
    const silentLeader = await listen(
      createServer(() => {
        calls += 1;
      }),
    );
    const forward = leaderForwarding({
      instanceId: 'standby',
      isLeader: () => false,
      leaderAddress: async () => silentLeader,
      silenceLimitMs: 200,
    });
    const standby = await listen(
      createServer((req, res) => {
        void forward(req, res);
      }),
    );
    const answer = await call(standby, 'query', 'jobs.list', undefined);
    expect(calls).toBe(1);
    expect(answer.status).toBe(412);
    expect(answer.message).toMatch(/cannot be reached \(it did not answer within 0\.2 s\)/);
  });
});
