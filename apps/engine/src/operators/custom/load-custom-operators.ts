import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Operator } from '../../core/operator.js';
import { WeirError } from '../../errors/weir-error.js';

/** What a module in the operators folder default-exports. */
export interface CustomOperatorModule {
  /** The name job specs use: `{ kind: "custom", config: { module: <kind>, config } }`. */
  kind: string;
  create(config: unknown): Operator;
}

/** Loaded user operators by declared kind; `createOperator` takes this, already loaded. */
export type CustomOperators = ReadonlyMap<string, CustomOperatorModule>;

const isModule = (value: unknown): value is CustomOperatorModule =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CustomOperatorModule).kind === 'string' &&
  typeof (value as CustomOperatorModule).create === 'function';

/**
 * Imports every .js/.mjs file of `dir` (ESM). Separate from the synchronous factory because
 * import is asynchronous: the engine and each worker thread load once at start, then build
 * operators synchronously. Any module that fails is an error naming it.
 */
export async function loadCustomOperators(dir: string): Promise<Map<string, CustomOperatorModule>> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.m?js$/.test(f)).sort();
  } catch (error) {
    throw new Error(`operators folder ${dir} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const loaded = new Map<string, CustomOperatorModule>();
  for (const file of files) {
    const where = path.join(dir, file);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(where).href)) as { default?: unknown }).default;
    } catch (error) {
      throw new Error(`operator module ${where} failed to load: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (!isModule(exported))
      throw new Error(`operator module ${where} must default-export { kind, create(config) }`);
    if (loaded.has(exported.kind))
      throw new Error(`operator module ${where} declares kind "${exported.kind}" a second time`);
    loaded.set(exported.kind, exported);
  }
  return loaded;
}

/** Instantiates a loaded user operator; a missing module or a bad instance names the module. */
export function createCustomOperator(
  uid: string,
  module: string,
  config: unknown,
  operators: CustomOperators | undefined,
): Operator {
  const found = operators?.get(module);
  if (found === undefined) {
    const known = [...(operators?.keys() ?? [])].join(', ') || 'none';
    throw new WeirError(
      'INVALID_ARGUMENT',
      `operator "${uid}": no custom operator module "${module}" is loaded (loaded: ${known})`,
      { domain: 'user' },
    );
  }
  const operator = found.create(config);
  const missing = [
    'open',
    'processElement',
    'processWatermark',
    'snapshotState',
    'restoreState',
  ].filter(
    (method) => typeof (operator as unknown as Record<string, unknown>)?.[method] !== 'function',
  );
  if (missing.length > 0) {
    throw new WeirError(
      'INVALID_ARGUMENT',
      `operator "${uid}": custom operator module "${module}" created an object without ${missing.join(', ')}`,
      { domain: 'user' },
    );
  }
  return operator;
}
