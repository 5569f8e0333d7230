#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts (through tsx, against the engine's sources).
// Every benchmark prints its figures as one JSON object on its last line.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, ensureDependencies } from './lib/ensure-deps.mjs';
import { run } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}\n`,
  );
  process.exit(2);
}
await ensureDependencies(root);
// Worker threads run the built engine, so build first (turbo makes it a no-op when current).
await buildAll(root);
process.exit(
  await run(process.execPath, ['--import', 'tsx', path.join(benchDir, `${name}.ts`), ...args], {
    cwd: root,
  }),
);
