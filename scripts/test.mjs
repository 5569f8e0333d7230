#!/usr/bin/env node
// `npm test`: provisions what the tests need (dependencies, Chromium, Kafka/ZooKeeper jars,
// Flink's jars and its example job, PostgreSQL), builds, typechecks and lints, then runs unit +
// integration tests (vitest) and browser tests (Playwright in Debian's Chromium). Exits non-zero
// on any failure.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, ensureDependencies, NO_TELEMETRY } from './lib/ensure-deps.mjs';
import { ensurePostgres } from './lib/ensure-postgres.mjs';
import { log, step } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();

try {
  await ensureDependencies(root);
  const { ensureChromium } = await import('./lib/ensure-chromium.mjs');
  const chromium = await ensureChromium();
  await step(
    'fetch ZooKeeper and Kafka jars',
    process.execPath,
    ['scripts/services/cli.mjs', 'fetch'],
    { cwd: root },
  );
  await step(
    'fetch Flink jars and build the example Flink job',
    process.execPath,
    ['scripts/services/flink-cli.mjs', 'fetch'],
    { cwd: root },
  );
  await ensurePostgres();
  await buildAll(root);
  // The build compiles the sources; this also checks the tests, which vitest runs untyped.
  await step('typecheck (tsc, tests included)', 'npx', ['turbo', 'run', 'typecheck'], {
    cwd: root,
  });
  await step('typecheck e2e, bench and scripts', 'npx', ['tsc', '-p', 'tsconfig.tools.json'], {
    cwd: root,
  });
  await step('lint and format (biome)', 'npx', ['biome', 'check', '.'], { cwd: root });
  await step('import direction (dependency-cruiser)', 'npm', ['run', 'lint:deps', '--silent'], {
    cwd: root,
  });
  await step('unit and integration tests (vitest)', 'npx', ['vitest', 'run'], { cwd: root });
  await step('browser tests (playwright)', 'npx', ['playwright', 'test'], {
    cwd: root,
    env: { ...NO_TELEMETRY, WEIR_CHROMIUM: chromium },
  });
  log(`all tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  log(`FAILED: ${error.message}`);
  process.exit(1);
}
