// No false failovers: two engines in ZooKeeper HA (a 3-node ensemble on loopback) with the
// session timeout the failover bench uses; the leader runs the sample job unthrottled (its
// workers take both cores) while page clients poll its API, for `--minutes` (default 10).
// Nothing is killed: every leader change counted is one the load caused (goal: 0).
import { parseArgs } from 'node:util';
import { waitFor } from '@weir/engine/testing';
import { FAILOVER_SESSION_TIMEOUT_MS, startHaBench } from './_ha-bench.js';
import { pollPages } from './_page-clients.js';
import { percentile, report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'session-timeout-ms': { type: 'string', default: String(FAILOVER_SESSION_TIMEOUT_MS) },
    clients: { type: 'string', default: '20' },
    'every-ms': { type: 'string', default: '1000' },
  },
});
const durationMs = Number(values.minutes) * 60_000;
const sessionTimeoutMs = Number(values['session-timeout-ms']);

// An unthrottled sample job: as many records as the workers can take, all the time.
const { cluster, close } = await startHaBench({
  name: 'failover-soak',
  sessionTimeoutMs,
  sampleRate: 100_000_000,
});
try {
  await cluster.startEngine();
  await cluster.startEngine();
  const leader = await cluster.waitForLeader();
  const [job] = await waitFor('the sample job', async () => {
    const jobs = await leader.engine.api.jobs.list.query();
    return jobs.length > 0 ? jobs : null;
  });
  const jobId = (job as { id: string }).id;
  const detail = await leader.engine.api.jobs.get.query({ jobId });
  const changesBefore = (await cluster.overview(leader.engine)).leaderChanges.length;
  const latencies: number[] = [];
  const stopAt = Date.now() + durationMs;
  const failures = await pollPages(
    leader.engine.port,
    {
      clients: Number(values.clients),
      everyMs: Number(values['every-ms']),
      jobId,
      vertexId: detail.vertices[0]?.id as string,
      stopAt,
    },
    latencies,
  );
  const overview = await cluster.overview();
  const changes = overview.leaderChanges.length - changesBefore;
  const checkpoints = await cluster.any().api.checkpoints.counts.query({ jobId });
  report({
    bench: 'failover-soak',
    minutes: Number(values.minutes),
    session_timeout_ms: sessionTimeoutMs,
    leader_changes: changes,
    leader: overview.leader?.instanceId ?? null,
    api_batches: latencies.length,
    api_failures: failures,
    api_p99_ms: Math.round(percentile(latencies, 99)),
    checkpoints_completed: checkpoints.completed,
    checkpoints_failed: checkpoints.failed,
  });
} finally {
  await close();
}
