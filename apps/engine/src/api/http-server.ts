import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Registry } from 'prom-client';
import type { ApiContext } from './context.js';
import { appRouter } from './root.js';
import { isJarUpload, MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from './trpc.js';

export interface ApiServerOptions {
  host: string;
  port: number;
  registry: Registry;
  createContext: (req: IncomingMessage, res: ServerResponse) => Promise<ApiContext>;
  isReady: () => boolean;
  /** Answers a tRPC request elsewhere (a standby forwarding to the leader); true if it did. */
  forward?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** One HTTP server: tRPC under /trpc, Prometheus under /metrics, a readiness probe at /healthz. */
export async function startApiServer(
  options: ApiServerOptions,
): Promise<{ server: Server; port: number }> {
  const createContext = ({ req, res }: { req: IncomingMessage; res: ServerResponse }) =>
    options.createContext(req, res);
  const calls = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext,
  });
  // Jar uploads alone are read up to the larger bound, one call per request: a batch of them
  // would multiply it.
  const uploads = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_UPLOAD_BODY_BYTES,
    allowBatching: false,
    createContext,
  });
  const trpc = (req: IncomingMessage, res: ServerResponse) =>
    (isJarUpload(req) ? uploads : calls)(req, res);
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) {
      if (!options.forward) {
        trpc(req, res);
        return;
      }
      options.forward(req, res).then(
        (forwarded) => {
          if (!forwarded) trpc(req, res);
        },
        (error: Error) => {
          if (!res.headersSent) res.writeHead(502);
          res.end(error.message);
        },
      );
      return;
    }
    if (url === '/metrics') {
      options.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': options.registry.contentType });
          res.end(body);
        },
        (error: Error) => {
          res.writeHead(500).end(error.message);
        },
      );
      return;
    }
    if (url === '/healthz') {
      const ready = options.isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ready }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : options.port };
}
