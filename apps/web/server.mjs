// The console's HTTP server: Next's request handler behind a plain Node server, so the
// X-Forwarded-* headers the engine believes are set here from the real connection. Next's own
// server keeps whatever the client sent (`??=`), which let a browser or script claim any
// address, host or scheme in the audit trail and the sign-in limits.
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { honestForwardedHeaders } from './lib/forwarded-headers.mjs';

const { values } = parseArgs({
  options: {
    hostname: { type: 'string', short: 'H', default: '127.0.0.1' },
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
  },
});
const hostname = values.hostname;
const port = Number(values.port);
const dir = path.dirname(fileURLToPath(import.meta.url));
// Proxies in front of the console (a load balancer) whose X-Forwarded-* are passed on.
const trusted = (process.env.WEIR_CONSOLE_TRUSTED_PROXIES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  honestForwardedHeaders(req, trusted);
  handle(req, res);
});
server.listen(port, hostname, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`console listening on http://${hostname}:${bound}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
