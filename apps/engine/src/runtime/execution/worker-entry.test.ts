import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './worker-entry.js';

describe('workerExecArgv', () => {
  it('drops TypeScript loaders in every spelling and keeps every other option', () => {
    expect(
      workerExecArgv([
        '--import',
        'tsx',
        '--cpu-prof',
        '--loader=ts-node/esm',
        '--max-old-space-size=4096',
        '--require',
        '/app/node_modules/tsx/dist/preflight.cjs',
        '--import=file:///app/node_modules/tsx/dist/loader.mjs',
        '--import',
        './otel.mjs',
        '-r',
        'dotenv/config',
        '--enable-source-maps',
      ]),
    ).toEqual([
      '--cpu-prof',
      '--max-old-space-size=4096',
      '--import',
      './otel.mjs',
      '-r',
      'dotenv/config',
      '--enable-source-maps',
    ]);
    expect(workerExecArgv([])).toEqual([]);
  });
});
