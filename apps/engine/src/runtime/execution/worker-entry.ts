import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The worker thread's entry file. Workers always run the built JavaScript: when the engine
 * itself runs from TypeScript sources (vitest, benchmarks through tsx), loading TypeScript in
 * a worker needs a loader thread per worker, which stalled the test runner's own thread here.
 * So from sources, use dist/ and refuse a dist/ older than the sources it was built from.
 */
export function workerEntry(): string {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return path.join(here, 'worker-main.js');
  const engineRoot = path.resolve(here, '../../..');
  const built = path.join(engineRoot, 'dist/runtime/execution/worker-main.js');
  const builtAt = statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined)
    throw new Error(
      `${built} is missing: run \`npm run build\` first (workers run the built engine)`,
    );
  const newer = newestSource(path.join(engineRoot, 'src'));
  if (newer.mtimeMs > builtAt) {
    throw new Error(
      `${newer.file} changed after the engine was built: run \`npm run build\` first (workers run the built engine)`,
    );
  }
  return built;
}

/** Node options that preload a module or register a loader, taking the next item as value. */
const PRELOAD_OPTIONS = new Set([
  '--import',
  '--loader',
  '--experimental-loader',
  '--require',
  '-r',
]);

/** A TypeScript loader: `tsx`, `ts-node`, their subpaths, or a path into either package. */
const isTypeScriptLoader = (value: string) =>
  /^(tsx|ts-node)(\/|$)/.test(value) || /[\\/](tsx|ts-node)[\\/]/.test(value);

/**
 * The parent's Node options for a worker thread, without TypeScript loaders: workers run the
 * built JavaScript, and a worker inheriting `--import tsx` (benchmarks, scripts run from
 * sources) started tsx and its loader thread first and sent every import through it. Two
 * workers took ~230 ms to load the engine that way, ~110 ms without. Other preloads (an
 * OpenTelemetry `--import`, say) stay: the worker may need them.
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const option = execArgv[i] as string;
    const [name, inline] = option.split(/=(.*)/s) as [string, string | undefined];
    const value = PRELOAD_OPTIONS.has(name) ? (inline ?? execArgv[i + 1]) : undefined;
    if (value !== undefined && isTypeScriptLoader(value)) {
      if (inline === undefined) i++; // its value was the next item
      continue;
    }
    kept.push(option);
  }
  return kept;
}

/**
 * Tests are not built (tsconfig.build.json), so they cannot make dist/ stale. Test support lives
 * outside src/ (`apps/engine/testing/`), so it is never scanned: everything else here is built.
 */
const notBuilt = (name: string) => name.endsWith('.test.ts');

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (notBuilt(entry.name)) continue;
    if (entry.isDirectory()) {
      const inner = newestSource(full);
      if (inner.mtimeMs > newest.mtimeMs) newest = inner;
    } else if (entry.name.endsWith('.ts')) {
      const mtimeMs = statSync(full).mtimeMs;
      if (mtimeMs > newest.mtimeMs) newest = { file: full, mtimeMs };
    }
  }
  return newest;
}
