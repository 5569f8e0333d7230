import { describe, expect, it } from 'vitest';
import { workerExecArgv } from './worker-entry.js';

describe('workerExecArgv', () => {
  it('drops module loaders, in either spelling, and keeps every other option', () => {
    expect(
      workerExecArgv([
        '--import',
        'tsx',
        '--cpu-prof',
        '--loader=ts-node/esm',
        '--max-old-space-size=4096',
        '--experimental-loader',
        './hooks.mjs',
        '--import=tsx/esm',
        '--enable-source-maps',
      ]),
    ).toEqual(['--cpu-prof', '--max-old-space-size=4096', '--enable-source-maps']);
    expect(workerExecArgv([])).toEqual([]);
  });
});
