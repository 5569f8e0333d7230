import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

// Playwright drives Debian's Chromium: Playwright's own browser download cannot reach its host here.
const CHROMIUM = '/usr/bin/chromium';

/**
 * Returns the path of Debian's Chromium, installing the package first if needed.
 * @returns {Promise<string>}
 */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${CHROMIUM} is missing; install it with: apt-get install -y --no-install-recommends chromium`,
    );
  }
  process.stderr.write('[ensure-chromium] installing chromium with apt-get\n');
  // Wait for the dpkg lock rather than fail if another apt-get is running.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  await aptGet([...lockWait, 'update']);
  await aptGet([...lockWait, 'install', '-y', '--no-install-recommends', 'chromium']);
  if (!existsSync(CHROMIUM)) {
    throw new Error(`apt-get installed chromium but ${CHROMIUM} still does not exist`);
  }
  return CHROMIUM;
}

/** @param {string[]} args */
function aptGet(args) {
  return new Promise((resolve, reject) => {
    execFile(
      'apt-get',
      ['-q', ...args],
      {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 15 * 60_000,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(undefined);
        const tail = `${stdout}${stderr}`.trim().split('\n').slice(-20).join('\n');
        reject(
          new Error(
            `apt-get ${args.join(' ')} failed (${error.message.split('\n')[0]}); cannot provide ${CHROMIUM}:\n${tail}`,
          ),
        );
      },
    );
  });
}
