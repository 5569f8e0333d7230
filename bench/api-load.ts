// API load against checkpoints: one engine (embedded database) runs the sample job with a
// checkpoint every second. First a quiet phase, then `clients` signed-in clients each poll the
// job page's queries as one batch every `every-ms` (the console's cadence). Prints request
// latency percentiles under load, and checkpoint duration p99 quiet and under load, with their
// ratio: API work must not starve the checkpoints (goal: request p99 <= 50 ms, ratio <= 1.2).
// With --logins N, the load is instead N wrong-password sign-ins a second for unknown users,
// each from another claimed address (the bench calls from 127.0.0.1, a trusted proxy), so only
// the cap on concurrent password hashes stands between them and libuv's threads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killEngine, startEngineProcess, waitFor } from '@weir/engine/testing';
import { pollPages } from './_page-clients.js';
import { percentile, report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    'every-ms': { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    logins: { type: 'string', default: '0' },
  },
});
const clients = Number(values.clients);
const everyMs = Number(values['every-ms']);
const phaseMs = Number(values.seconds) * 1000;
const loginsPerSecond = Number(values.logins);

/** Wrong passwords for made-up users, `loginsPerSecond` a second, each from a new address. */
async function signInFlood(port: number, stopAt: number, latencies: number[]): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (let n = 0; Date.now() < stopAt; n++) {
    const started = performance.now();
    const attempt = fetch(`http://127.0.0.1:${port}/trpc/auth.login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      },
      body: JSON.stringify({ username: `nobody-${n}`, password: 'wrong-password' }),
    }).then(async (res) => {
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
    });
    inFlight.push(attempt);
    await new Promise((resolve) => setTimeout(resolve, 1000 / loginsPerSecond));
  }
  await Promise.all(inFlight);
}

const dir = await mkdtemp(path.join(tmpdir(), 'weir-api-load-'));
const engine = await startEngineProcess({
  WEIR_DATA_DIR: dir,
  WEIR_CHECKPOINT_INTERVAL_MS: '1000',
});
try {
  const [job] = await waitFor('the sample job', async () => {
    const jobs = await engine.api.jobs.list.query();
    return jobs.length > 0 ? jobs : null;
  });
  const jobId = (job as { id: string }).id;
  const detail = await engine.api.jobs.get.query({ jobId });
  const vertexId = detail.vertices[0]?.id as string;

  /** Checkpoint durations of those triggered in [from, to). */
  const durationsBetween = async (from: number, to: number) =>
    (await engine.api.checkpoints.list.query({ jobId, limit: 500 }))
      .filter((r) => r.status === 'COMPLETED')
      .filter((r) => Date.parse(r.triggeredAt) >= from && Date.parse(r.triggeredAt) < to)
      .map((r) => r.durationMs ?? 0);

  const quietFrom = Date.now();
  await new Promise((resolve) => setTimeout(resolve, phaseMs));
  const quiet = await durationsBetween(quietFrom, Date.now());

  // Every client has its own connection pool and batches its page's queries into one request.
  const latencies: number[] = [];
  let failures = 0;
  const loadFrom = Date.now();
  const stopAt = loadFrom + phaseMs;
  if (loginsPerSecond > 0) await signInFlood(engine.port, stopAt, latencies);
  else
    failures = await pollPages(
      engine.port,
      { clients, everyMs, jobId, vertexId, stopAt },
      latencies,
    );
  const loaded = await durationsBetween(loadFrom, stopAt);
  const quietP99 = percentile(quiet, 99);
  const loadedP99 = percentile(loaded, 99);
  report({
    bench: 'api-load',
    load: loginsPerSecond > 0 ? `${loginsPerSecond} sign-ins/s` : `${clients} pages`,
    clients,
    every_ms: everyMs,
    batches: latencies.length,
    failures,
    request_p50_ms: Math.round(percentile(latencies, 50)),
    request_p99_ms: Math.round(percentile(latencies, 99)),
    checkpoints_quiet: quiet.length,
    checkpoints_loaded: loaded.length,
    checkpoint_p50_quiet_ms: percentile(quiet, 50),
    checkpoint_p50_loaded_ms: percentile(loaded, 50),
    checkpoint_p99_quiet_ms: quietP99,
    checkpoint_p99_loaded_ms: loadedP99,
    ratio: Number((loadedP99 / quietP99).toFixed(3)),
  });
} finally {
  await killEngine(engine, 'SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
