import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WeirError } from '../../errors/weir-error.js';
import { FlinkRestClient } from './flink-rest-client.js';

// The client against a stand-in HTTP server that misbehaves on purpose: slow, huge, not JSON,
// the wrong shape. The real cluster is in flink-rest-backend.int.test.ts.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>([
  ['/ok', (_req, res) => res.end(JSON.stringify({ version: '2.3.0', extra: true }))],
  [
    '/echo',
    (req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () =>
        res.end(
          JSON.stringify({
            method: req.method,
            authorization: req.headers.authorization ?? null,
            contentType: req.headers['content-type'] ?? null,
            body,
          }),
        ),
      );
    },
  ],
  ['/slow', () => {}],
  ['/huge', (_req, res) => res.end(JSON.stringify({ data: 'x'.repeat(4096) }))],
  [
    '/huge-chunked',
    (_req, res) => {
      res.write('{"data":"');
      for (let i = 0; i < 8; i++) res.write('x'.repeat(1024));
      res.end('"}');
    },
  ],
  ['/html', (_req, res) => res.end('<html>proxy error</html>')],
  [
    '/missing',
    (_req, res) => {
      res.statusCode = 404;
      res.end(JSON.stringify({ errors: ['Not found: /missing'] }));
    },
  ],
]);

let server: Server;
let restUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => routes.get(req.url ?? '')?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  restUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const Version = z.looseObject({ version: z.string() });
const client = (options: { timeoutMs?: number; maxBodyBytes?: number } = {}) =>
  new FlinkRestClient({ restUrl: `${restUrl}/`, ...options });

describe('FlinkRestClient', () => {
  it('parses an answer tolerantly, keeping unknown fields', async () => {
    expect(await client().get('/ok', Version)).toEqual({ version: '2.3.0', extra: true });
  });

  it('sends JSON bodies and the configured headers', async () => {
    const withAuth = new FlinkRestClient({ restUrl, headers: { authorization: 'Bearer t' } });
    expect(await withAuth.post('/echo', { json: { a: 1 } }, z.unknown())).toEqual({
      method: 'POST',
      authorization: 'Bearer t',
      contentType: 'application/json',
      body: '{"a":1}',
    });
    expect(await client().patch('/echo', z.looseObject({ method: z.string() }))).toMatchObject({
      method: 'PATCH',
    });
    expect(await client().put('/echo', { json: { b: 2 } }, z.unknown())).toMatchObject({
      method: 'PUT',
      body: '{"b":2}',
    });
  });

  it('gives up on a slow answer at its timeout, saying so', async () => {
    const started = Date.now();
    const error = await client({ timeoutMs: 300 })
      .get('/slow', Version)
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error).toBeInstanceOf(WeirError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retriable: true });
    expect((error as Error).message).toBe(
      `Flink cluster at ${restUrl} is unreachable (GET /slow): no answer within 300 ms`,
    );
  });

  it('refuses an answer larger than its bound, declared or streamed', async () => {
    for (const path of ['/huge', '/huge-chunked']) {
      await expect(client({ maxBodyBytes: 1024 }).get(path, z.unknown())).rejects.toThrow(
        `Flink (${restUrl}) answered GET ${path} with more than 1024 bytes; refused`,
      );
    }
  });

  it('says so when the answer is not JSON or not the expected shape', async () => {
    await expect(client().get('/html', Version)).rejects.toThrow(
      /answered GET \/html with HTTP 200 and a body that is not JSON: <html>proxy error/,
    );
    const error = await client()
      .get('/ok', z.looseObject({ jobs: z.array(z.string()) }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', domain: 'external' });
    expect((error as Error).message).toMatch(/in a shape Weir does not know:[\s\S]*jobs/);
  });

  it("turns Flink's error body into a WeirError", async () => {
    await expect(client().get('/missing', Version)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Flink (${restUrl}) refused GET /missing: Not found: /missing`,
    });
  });
});
