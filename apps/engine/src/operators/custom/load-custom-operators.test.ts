import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { createOperator } from '../registry.js';
import { loadCustomOperators } from './load-custom-operators.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-operators-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const UPPERCASE = `
export default {
  kind: 'uppercase',
  create(config) {
    let ctx;
    return {
      open(c) { ctx = c; },
      processElement(value) { ctx.output.emit({ ...value, [config.field]: String(value[config.field]).toUpperCase() }); },
      processWatermark() {},
      snapshotState() { return {}; },
      restoreState() {},
    };
  },
};
`;

describe('custom operators from a module folder', () => {
  it('loads modules by their declared kind and builds operators from job specs', async () => {
    await writeFile(path.join(dir, 'uppercase.mjs'), UPPERCASE);
    await writeFile(path.join(dir, 'README.md'), 'not a module');
    const customOperators = await loadCustomOperators(dir);
    expect([...customOperators.keys()]).toEqual(['uppercase']);
    const operator = createOperator(
      { uid: 'up', kind: 'custom', config: { module: 'uppercase', config: { field: 'user' } } },
      { now: Date.now, customOperators, job: { id: 'job', checkpointIntervalMs: 1000 } },
    );
    const h = new OperatorHarness(operator);
    h.operator.processElement({ user: 'ada' }, 0, undefined, -1);
    expect(h.emitted).toEqual([{ user: 'ADA' }]);
  });

  it('names the module that fails to load or exports the wrong shape', async () => {
    await writeFile(path.join(dir, 'broken.mjs'), 'export default {');
    await expect(loadCustomOperators(dir)).rejects.toThrow(/broken\.mjs failed to load/);
    await rm(path.join(dir, 'broken.mjs'));
    await writeFile(path.join(dir, 'shapeless.js'), 'export default 42;');
    await expect(loadCustomOperators(dir)).rejects.toThrow(
      /shapeless\.js must default-export \{ kind, create\(config\) \}/,
    );
  });

  it('names a module that no loaded file declares', async () => {
    await writeFile(path.join(dir, 'uppercase.mjs'), UPPERCASE);
    const customOperators = await loadCustomOperators(dir);
    expect(() =>
      createOperator(
        { uid: 'x', kind: 'custom', config: { module: 'lowercase' } },
        { now: Date.now, customOperators, job: { id: 'job', checkpointIntervalMs: 1000 } },
      ),
    ).toThrow('operator "x": no custom operator module "lowercase" is loaded (loaded: uppercase)');
  });

  it('fails clearly when the folder cannot be read', async () => {
    await expect(loadCustomOperators(path.join(dir, 'missing'))).rejects.toThrow(
      /operators folder .*missing cannot be read/,
    );
  });
});
