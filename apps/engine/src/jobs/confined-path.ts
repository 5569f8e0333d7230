import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { invalidArgument } from '../errors/weir-error.js';

/**
 * `supplied` (relative paths start at the first root) resolved to an absolute path with every
 * symlink followed, or a validation error naming `field` when it lies outside all `roots`.
 * Nothing a user names may reach a file outside the folders Weir was given: an engine often
 * runs with more rights than its users.
 */
export function confinedPath(supplied: string, roots: readonly string[], field: string): string {
  if (supplied.includes('\0')) throw invalidArgument(`${field}: a path cannot contain NUL`);
  const [first] = roots;
  if (first === undefined) throw new Error('confinedPath needs at least one root');
  const resolved = realPathOf(path.resolve(first, supplied));
  for (const root of roots) {
    const real = realPathOf(path.resolve(root));
    if (resolved === real || resolved.startsWith(`${real}${path.sep}`)) return resolved;
  }
  const where = roots.length === 1 ? first : `one of ${roots.join(', ')}`;
  throw invalidArgument(`${field}: ${supplied} lies outside ${where}`);
}

/**
 * The real path of `absolute`, which need not exist yet: its deepest existing ancestor with
 * symlinks resolved, and the rest appended as written (already free of `..` by resolving). A
 * dangling symlink counts as where it points, since writing through it would create that.
 */
function realPathOf(absolute: string): string {
  const missing: string[] = [];
  let existing = absolute;
  for (let hops = 0; hops < 64; hops++) {
    try {
      return path.join(realpathSync(existing), ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      if (isSymlink(existing)) {
        existing = path.resolve(path.dirname(existing), readlinkSync(existing));
        continue;
      }
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
  throw invalidArgument(`${absolute}: too many symbolic links`);
}

const isSymlink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};
