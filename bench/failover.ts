// Failover recovery time: a 3-node ZooKeeper ensemble and three engines on loopback run the
// sample job; the leader is SIGKILLed again and again. For each kill it measures how long until
// a standby leads (rto_leader) and until the job processes records again there (rto_processing).
// The ZooKeeper session timeout bounds both from below: a dead leader is noticed only when its
// session expires.
import { parseArgs } from 'node:util';
import { waitFor } from '@weir/engine/testing';
import { FAILOVER_SESSION_TIMEOUT_MS, startHaBench } from './_ha-bench.js';
import { percentile, report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    'session-timeout-ms': { type: 'string', default: String(FAILOVER_SESSION_TIMEOUT_MS) },
  },
});
const kills = Number(values.kills);
const sessionTimeoutMs = Number(values['session-timeout-ms']);

const { cluster, close } = await startHaBench({
  name: 'failover-bench',
  sessionTimeoutMs,
  sampleRate: 5000,
});
const leaderMs: number[] = [];
const processingMs: number[] = [];
try {
  await cluster.startEngine();
  await cluster.startEngine();
  await cluster.startEngine();
  let leader = await cluster.waitForLeader();
  const [jobId] = (await leader.engine.api.jobs.list.query()).map((j) => j.id);
  if (!jobId) throw new Error('the sample job is not running');
  const sourceRecordsOut = async (engine: typeof leader.engine) => {
    const job = await engine.api.jobs.get.query({ jobId });
    const source = job.vertices.find((v) => v.role === 'source');
    return job.status === 'RUNNING' ? (source?.metrics.recordsOutTotal ?? 0) : 0;
  };
  for (let kill = 1; kill <= kills; kill++) {
    // Only kill a leader whose job has checkpointed, as a real one would have.
    await waitFor(
      'a completed checkpoint',
      async () =>
        (await leader.engine.api.checkpoints.list.query({ jobId, limit: 1 }))[0]?.status ===
        'COMPLETED',
    );
    const before = leader.id;
    const killedAt = Date.now();
    await cluster.kill(before);
    leader = await cluster.waitForLeader({ not: before, timeoutMs: sessionTimeoutMs + 60_000 });
    leaderMs.push(Date.parse(leader.change.at) - killedAt);
    const engine = leader.engine;
    await waitFor(
      'records flowing on the new leader',
      async () => (await sourceRecordsOut(engine)) > 0,
      60_000,
      20,
    );
    processingMs.push(Date.now() - killedAt);
    process.stderr.write(
      `kill ${kill}: leader after ${leaderMs.at(-1)} ms, processing after ${processingMs.at(-1)} ms\n`,
    );
    await cluster.startEngine();
  }
} finally {
  await close();
}
report({
  bench: 'failover',
  kills: leaderMs.length,
  session_timeout_ms: sessionTimeoutMs,
  rto_leader_p50_ms: percentile(leaderMs, 50),
  rto_leader_max_ms: Math.max(...leaderMs),
  rto_processing_p50_ms: percentile(processingMs, 50),
  rto_processing_p99_ms: percentile(processingMs, 99),
});
