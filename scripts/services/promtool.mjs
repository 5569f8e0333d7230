import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { log, run } from './process.mjs';

/** Debian's package, pinned by what the mirror serves; its promtool checks our rules. */
const PACKAGE = 'prometheus';

/** `~/.cache/weir/promtool` (outside the repo, like the jars): the extracted package. */
const cacheDir = () => join(homedir(), '.cache', 'weir', 'promtool');

/**
 * A promtool to check `deploy/prometheus`: the one on PATH, else the binary from Debian's
 * `prometheus` package, downloaded (not installed: no root needed once the package lists are
 * there) and unpacked into the cache. Throws, naming what to install, where neither works.
 * @returns {Promise<string>}
 */
export async function ensurePromtool() {
  try {
    await run('promtool', ['--version']);
    return 'promtool';
  } catch {
    // not on PATH: the cached or downloaded one below
  }
  const dir = cacheDir();
  const binary = join(dir, 'usr', 'bin', 'promtool');
  if (existsSync(binary)) return binary;
  const work = `${dir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    log(`fetching promtool (Debian package ${PACKAGE})`);
    await download(work);
    const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${PACKAGE} wrote no .deb`);
    await run('dpkg-deb', ['-x', join(work, deb), work]);
    rmSync(join(work, deb));
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(
      `promtool is not on PATH and could not be fetched (${/** @type {Error} */ (error).message.split('\n')[0]}); install Prometheus's promtool`,
    );
  }
  return binary;
}

/** `apt-get download` into `dir`; refreshes the package lists once if they lack the package. */
async function download(dir) {
  const fetch = () =>
    run('sh', ['-c', `cd "${dir}" && apt-get download ${PACKAGE}`], { timeoutMs: 300_000 });
  try {
    await fetch();
  } catch {
    await run('apt-get', ['update'], { timeoutMs: 300_000 });
    await fetch();
  }
}
