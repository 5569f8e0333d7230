import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Services must never outlive the test process that started them: a leaked JVM
// keeps its ports and memory and makes the next run fail in confusing ways.

/** @type {Map<number, import('node:child_process').ChildProcess>} pid -> its watchdog */
const children = new Map();
/** @type {Set<string>} */
const tempDirs = new Set();
let handlersInstalled = false;

/**
 * Registers a started service so that it is killed when this process exits,
 * however it exits. Returns the function that unregisters it once it has stopped.
 * @param {number} pid
 * @returns {() => void}
 */
export function trackChild(pid) {
  installHandlers();
  children.set(pid, spawnWatchdog(pid));
  return () => {
    children.get(pid)?.kill('SIGKILL');
    children.delete(pid);
  };
}

/**
 * Creates a temporary directory that is removed at exit unless removed earlier.
 * @param {string} prefix
 * @returns {string}
 */
export function makeTempDir(prefix) {
  installHandlers();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** @param {string} dir */
export async function removeTempDir(dir) {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.delete(dir);
}

/**
 * Exit and signal handlers cannot run when this process is SIGKILLed (as a test
 * runner may do to a hung worker). The watchdog covers that case: a detached shell
 * blocked reading a pipe from us, which sees end-of-file when we die for any
 * reason and then terminates the service.
 * @param {number} pid
 */
function spawnWatchdog(pid) {
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'read _; kill -TERM "$1" 2>/dev/null; sleep 5; kill -KILL "$1" 2>/dev/null',
      'weir-watchdog',
      String(pid),
    ],
    { stdio: ['pipe', 'ignore', 'ignore'], detached: true },
  );
  watchdog.unref();
  // Without a listener, EPIPE on a watchdog that was killed would crash the process.
  watchdog.stdin?.on('error', () => {});
  return watchdog;
}

function killAllNow() {
  for (const [pid, watchdog] of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    watchdog.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  tempDirs.clear();
}

/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  killAllNow();
  process.off(signal, onSignal);
  // Re-raise so the process still ends the way it would have without our handler.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllNow);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, onSignal);
  }
}
