import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackChild } from './cleanup.mjs';

/** @param {string} message */
export function log(message) {
  process.stderr.write(`[weir-services] ${message}\n`);
}

/**
 * @param {number} since a Date.now() value
 * @returns {string} seconds elapsed, for progress lines
 */
export function secondsSince(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/**
 * Polls `condition` until it returns a truthy value, which is then returned.
 * An exception thrown by `condition` ends the wait at once (use that for
 * "will never become true", such as a dead process).
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{ timeoutMs?: number, intervalMs?: number, description?: string }} [options]
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(condition, options = {}) {
  const { timeoutMs = 30_000, intervalMs = 100, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return /** @type {NonNullable<T>} */ (value);
    if (Date.now() >= deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await sleep(intervalMs);
  }
}

/**
 * Runs a command to completion and returns its stdout.
 * @param {string} command
 * @param {string[]} args
 * @param {{ timeoutMs?: number }} [options]
 * @returns {Promise<string>}
 */
export function run(command, args, { timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (/** @type {NodeJS.ErrnoException} */ (error)?.code === 'ENOENT') {
          reject(new Error(`${command} is not installed or not on PATH`));
        } else if (error) {
          const output = `${stdout}${stderr}`.trim().split('\n').slice(-40).join('\n');
          reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${output}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/**
 * @typedef {object} ServiceProcess
 * @property {number} pid
 * @property {string} logFile stdout and stderr of the process
 * @property {() => boolean} isRunning
 * @property {Promise<void>} exited resolves when the process has exited
 * @property {(timeoutMs?: number) => Promise<void>} stop SIGTERM, then SIGKILL after timeoutMs
 * @property {() => Promise<void>} kill SIGKILL, as in a crash
 */

/**
 * Starts a long-running process with its output appended to `logFile`.
 * @param {string} command
 * @param {string[]} args
 * @param {{ logFile: string, cwd?: string }} options
 * @returns {Promise<ServiceProcess>}
 */
export async function spawnService(command, args, { logFile, cwd }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`Cannot start ${command} (is it installed and on PATH?): ${error.message}`)),
    );
  });
  const pid = /** @type {number} */ (child.pid);
  const untrack = trackChild(pid);
  let running = true;
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) =>
    child.once('exit', () => {
      running = false;
      untrack();
      resolve();
    }),
  );

  /** @param {number} timeoutMs */
  async function stop(timeoutMs = 10_000) {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  async function kill() {
    if (!running) return;
    child.kill('SIGKILL');
    await exited;
  }

  return { pid, logFile, isRunning: () => running, exited, stop, kill };
}

/**
 * Waits until `isReady` says yes, failing early if the process dies. On failure
 * the process is stopped and the error carries the end of its log.
 * @param {ServiceProcess} service
 * @param {string} name
 * @param {() => Promise<boolean>} isReady must settle on its own within a few seconds
 * @param {number} timeoutMs
 */
export async function waitUntilReady(service, name, isReady, timeoutMs) {
  try {
    await waitFor(
      async () => {
        if (!service.isRunning()) throw new Error(`${name} exited before it was ready`);
        return isReady();
      },
      { timeoutMs, intervalMs: 200, description: `${name} to be ready` },
    );
  } catch (error) {
    await service.stop(5_000);
    throw startFailure(/** @type {Error} */ (error).message, service.logFile);
  }
}

/**
 * @typedef {Error & { addressInUse: boolean }} StartFailure
 */

/**
 * @param {string} reason
 * @param {string} logFile
 * @returns {StartFailure}
 */
export function startFailure(reason, logFile) {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    // The process may have died before writing anything.
  }
  const tail = text.trimEnd().split('\n').slice(-40).join('\n');
  const error = /** @type {StartFailure} */ (
    new Error(`${reason}. Last lines of ${logFile}:\n${tail}`)
  );
  // Ports come from the OS and are released before the service binds them, so
  // another process can take one in between; callers retry with new ports.
  error.addressInUse = /Address already in use|BindException/.test(text);
  return error;
}

/**
 * Calls `attempt` again (with fresh ports, which `attempt` picks) when a start
 * failed only because a port was taken meanwhile.
 * @template T
 * @param {() => Promise<T>} attempt
 * @param {number} [tries]
 * @returns {Promise<T>}
 */
export async function retryIfAddressInUse(attempt, tries = 3) {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || !(/** @type {StartFailure} */ (error).addressInUse)) throw error;
      log(`a port was taken before the service bound it; retrying (${i}/${tries - 1})`);
    }
  }
}
