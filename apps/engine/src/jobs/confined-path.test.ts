import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confinedPath } from './confined-path.js';

let dir: string;
let root: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-confined-'));
  root = path.join(dir, 'output');
  await mkdir(root);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('confinedPath', () => {
  it('resolves relative paths under the root, and accepts absolute ones inside it', () => {
    expect(confinedPath('results.jsonl', [root], 'f')).toBe(path.join(root, 'results.jsonl'));
    expect(confinedPath(path.join(root, 'a/b.jsonl'), [root], 'f')).toBe(
      path.join(root, 'a/b.jsonl'),
    );
  });

  it.each([['/etc/profile'], ['../outside.jsonl'], ['a/../../outside.jsonl'], ['/proc/self']])(
    'refuses %s, naming the field',
    (supplied) => {
      expect(() => confinedPath(supplied, [root], 'operators[3].config.path')).toThrow(
        /^operators\[3\]\.config\.path: .* lies outside /,
      );
    },
  );

  it('follows symlinks: a link inside the root to a folder outside is outside', async () => {
    await symlink(dir, path.join(root, 'escape'));
    expect(() => confinedPath('escape/file.jsonl', [root], 'f')).toThrow(/lies outside/);
    await symlink(path.join(dir, 'missing'), path.join(root, 'dangling'));
    expect(() => confinedPath('dangling', [root], 'f')).toThrow(/lies outside/);
  });

  it('takes any of several roots and refuses NUL', () => {
    const other = path.join(dir, 'savepoints');
    expect(confinedPath(path.join(other, 'sp-1'), [root, other], 'f')).toBe(
      path.join(other, 'sp-1'),
    );
    expect(() => confinedPath('a\0b', [root], 'f')).toThrow(/NUL/);
  });
});
