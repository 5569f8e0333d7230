import { spawn } from 'node:child_process';

/** Runs a command with inherited stdio; resolves with its exit code (never rejects on failure). */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command and throws if it fails, naming the step so the output says what broke. */
export async function step(name, command, args, options = {}) {
  const started = Date.now();
  log(`▶ ${name}`);
  const code = await run(command, args, options);
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
  log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export function log(message) {
  process.stderr.write(`[weir] ${message}\n`);
}
