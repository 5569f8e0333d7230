#!/usr/bin/env node
// `npm start`: install what is missing, build, then run engine + console on the embedded
// defaults (PGlite database, embedded HA, datagen sample job) until Ctrl-C.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, ensureDependencies, NO_TELEMETRY } from './lib/ensure-deps.mjs';
import { log } from './lib/run.mjs';
import { waitForHttp } from './lib/wait-http.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const enginePort = process.env.WEIR_API_PORT ?? '4100';
const webPort = process.env.PORT ?? '3000';
const engineUrl = `http://127.0.0.1:${enginePort}`;

await ensureDependencies(root);
await buildAll(root);

const children = [];
function launch(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...NO_TELEMETRY, ...env } });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const engine = launch('engine', process.execPath, ['apps/engine/dist/main.js'], { WEIR_API_PORT: enginePort });
await waitForHttp(`${engineUrl}/healthz`, 120_000, () => engine.exitCode === null);
const web = launch('console', 'npm', ['run', 'start', '-w', '@weir/web', '--', '-p', webPort], { WEIR_ENGINE_URL: engineUrl });
await waitForHttp(`http://127.0.0.1:${webPort}/`, 120_000, () => web.exitCode === null);
log(`console: http://127.0.0.1:${webPort}   engine API: ${engineUrl}/trpc   metrics: ${engineUrl}/metrics`);
