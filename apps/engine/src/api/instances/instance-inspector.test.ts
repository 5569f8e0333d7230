import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { threadId } from 'node:worker_threads';
import type { InstanceResources } from '@weir/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WeirError } from '../../errors/weir-error.js';
import { ResourceSampler } from '../../resources/resource-sampler.js';
import { INSTANCE_FORWARDED_BY_HEADER } from './ask-instance.js';
import { InstanceInspector } from './instance-inspector.js';

const RESOURCES: InstanceResources = {
  instanceId: 'b',
  sampleIntervalMs: 5000,
  process: [],
  threads: [],
};

interface Asked {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('InstanceInspector', () => {
  let server: Server;
  let address = '';
  const asked: Asked[] = [];
  const sampler = new ResourceSampler();
  beforeAll(async () => {
    // Instance b: answers resources, and refuses a profile as a busy thread would.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        asked.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(req.method === 'GET' ? 200 : 409, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            req.method === 'GET'
              ? { result: { data: RESOURCES } }
              : {
                  error: {
                    message: 'thread 3 is being profiled already',
                    data: { weir: { code: 'CONFLICT', domain: 'user', retriable: false } },
                  },
                },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await sampler.sample();
  });
  afterAll(async () => {
    await sampler.stop();
    await new Promise((resolve) => server.close(resolve));
  });

  const inspector = () =>
    new InstanceInspector({
      instanceId: 'a',
      sampler,
      instances: async () => [
        { instanceId: 'a', apiAddress: 'http://127.0.0.1:1' },
        { instanceId: 'b', apiAddress: address },
        { instanceId: 'gone', apiAddress: 'http://127.0.0.1:1' },
      ],
      timeoutMs: 2000,
    });
  const caller = {
    credentialHeaders: { cookie: 'weir_session=s3cret' },
    sourceAddress: '10.0.0.7',
    forwardedBy: null,
  };
  const query = { windowMinutes: 60, points: 120 };

  it('answers for itself from its own sampler', async () => {
    for (const instanceId of [undefined, 'a']) {
      const own = await inspector().resources({ instanceId, ...query }, caller);
      expect(own.instanceId).toBe('a');
      expect(own.threads[0]).toMatchObject({ threadId, kind: 'main' });
    }
  });

  it("asks another instance through its API, with the caller's credentials and address", async () => {
    const answer = await inspector().resources({ instanceId: 'b', ...query }, caller);
    expect(answer).toEqual(RESOURCES);
    const last = asked.at(-1) as Asked;
    expect(last.method).toBe('GET');
    expect(last.url.startsWith('/trpc/instances.resources?')).toBe(true);
    expect(last.headers.cookie).toBe('weir_session=s3cret');
    expect(last.headers['x-forwarded-for']).toBe('10.0.0.7');
    expect(last.headers[INSTANCE_FORWARDED_BY_HEADER]).toBe('a');
  });

  it("sends a profile as a mutation and passes the other instance's refusal on", async () => {
    const input = { instanceId: 'b', threadId: 3, seconds: 2 };
    const refused = inspector().profile(input, caller);
    await expect(refused).rejects.toBeInstanceOf(WeirError);
    await expect(refused).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'instance b: thread 3 is being profiled already',
    });
    const last = asked.at(-1) as Asked;
    expect([last.method, last.url]).toEqual(['POST', '/trpc/instances.profile']);
    expect(JSON.parse(last.body)).toEqual(input);
  });

  it('never sends on a call another instance sent, and names instances it cannot find or reach', async () => {
    const count = asked.length;
    await expect(
      inspector().resources({ instanceId: 'b', ...query }, { ...caller, forwardedBy: 'c' }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(asked.length).toBe(count);
    await expect(inspector().resources({ instanceId: 'nobody', ...query }, caller)).rejects.toThrow(
      'instance nobody not found',
    );
    await expect(
      inspector().resources({ instanceId: 'gone', ...query }, caller),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
