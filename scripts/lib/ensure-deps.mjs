import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { step } from './run.mjs';

/**
 * Installs npm dependencies when they are missing or older than the lockfile, so both
 * `npm start` and `npm test` work on a fresh clone without a separate install step.
 */
export async function ensureDependencies(root) {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  // Not `npm ci`: the registry mirror here lacks other platforms' optional binaries (biome,
  // turbo), so the lockfile cannot list them and `npm ci` rejects it as out of sync.
  await step('install dependencies (npm install)', 'npm', ['install', '--no-audit', '--no-fund'], {
    cwd: root,
  });
}

export const NO_TELEMETRY = {
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
};

/** Builds shared -> engine (with Prisma client generation) -> web through turbo's graph. */
export async function buildAll(root) {
  await step('build (turbo)', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    cwd: root,
    env: NO_TELEMETRY,
  });
}
