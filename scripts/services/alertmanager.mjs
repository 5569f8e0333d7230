import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from './cleanup.mjs';
import { freePorts } from './ports.mjs';
import {
  log,
  retryIfAddressInUse,
  run,
  secondsSince,
  spawnService,
  waitUntilReady,
} from './process.mjs';

/** Debian's package (0.25 on bookworm). */
const PACKAGE = 'prometheus-alertmanager';
/** Debian's build reads its default template from /usr/share: it runs only installed. */
const BINARY = 'prometheus-alertmanager';
const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * Everything to one receiver that takes nothing: the tests read alerts back through the API.
 * group_wait and friends are short only so nothing lingers; no test waits on them.
 */
const CONFIG = `route:
  receiver: nowhere
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: nowhere
`;

/**
 * Alertmanager's binary: the one installed, else Debian's package installed now (as root, as
 * on CI), its service kept from starting: tests start their own on a loopback port.
 * @returns {Promise<string>}
 */
export async function ensureAlertmanager() {
  try {
    await run(BINARY, ['--version']);
    return BINARY;
  } catch {
    // not installed yet
  }
  log(`installing Alertmanager (Debian package ${PACKAGE})`);
  // Debian's way to keep a package's service from starting on install (Docker images have it).
  const guard = !existsSync(POLICY_RC);
  if (guard)
    writeFileSync(POLICY_RC, '#!/bin/sh\n# set by weir while installing\nexit 101\n', {
      mode: 0o755,
    });
  const install = () =>
    run(
      'sh',
      [
        '-c',
        `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PACKAGE}`,
      ],
      { timeoutMs: 600_000 },
    );
  try {
    // The package lists may predate the package: refresh them once.
    await install().catch(async () => {
      await run('apt-get', ['update'], { timeoutMs: 300_000 });
      await install();
    });
  } catch (error) {
    const reason = /** @type {Error} */ (error).message.split('\n')[0];
    throw new Error(
      `Alertmanager is not installed and could not be (${reason}): install ${PACKAGE}`,
    );
  } finally {
    if (guard) rmSync(POLICY_RC, { force: true });
  }
  return BINARY;
}

/**
 * @typedef {object} AlertmanagerServer
 * @property {string} url `http://127.0.0.1:<port>`
 * @property {number} pid
 * @property {() => Promise<void>} stop SIGTERM (SIGKILL after 10 s), then removes its folder
 */

/**
 * Starts a real Alertmanager on a free loopback port, clustering off, with a minimal config,
 * and waits until it is ready.
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<AlertmanagerServer>}
 */
export async function startAlertmanager({ timeoutMs = 60_000 } = {}) {
  const binary = await ensureAlertmanager();
  return retryIfAddressInUse(async () => {
    const started = Date.now();
    const dir = makeTempDir('weir-alertmanager-');
    const [port] = /** @type {[number]} */ (await freePorts(1));
    const config = join(dir, 'alertmanager.yml');
    writeFileSync(config, CONFIG);
    const url = `http://127.0.0.1:${port}`;
    const service = await spawnService(
      binary,
      [
        `--config.file=${config}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Empty: no gossip port, a single instance.
        '--cluster.listen-address=',
      ],
      { logFile: join(dir, 'alertmanager.log') },
    );
    try {
      await waitUntilReady(
        service,
        'Alertmanager',
        () =>
          fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) }).then(
            (res) => res.ok,
            () => false,
          ),
        timeoutMs,
      );
    } catch (error) {
      await removeTempDir(dir);
      throw error;
    }
    log(`Alertmanager ready on ${url} in ${secondsSince(started)} s (pid ${service.pid})`);
    return {
      url,
      pid: service.pid,
      async stop() {
        await service.stop();
        await removeTempDir(dir);
      },
    };
  });
}
