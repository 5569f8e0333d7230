// Exactly-once under chaos: two engines in ZooKeeper HA mode run a bounded keyed
// sliding-window job (1 % malformed records, parallelism 3, file sink) to its end while the
// leader is SIGKILLed again and again (at start-up, while restoring, as a checkpoint commits,
// at random in a steady run, and as the job finishes), and once rescaled from 3 to 2. The
// output is compared with the failure-free reference as multisets: goal 0 lost, 0 duplicated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTestDatabase,
  runExactlyOnceDrill,
  startZookeeperEnsemble,
} from '@weir/engine/testing';
import { report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '22' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
    'session-timeout-ms': { type: 'string', default: '3000' },
    // At 6000 records/s of event time, enough input for about 7 s per kill.
    records: { type: 'string' },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const records = Number(values.records ?? kills * 7 * 6000 + 60_000);

const [zk, db, dir] = await Promise.all([
  startZookeeperEnsemble(3),
  createTestDatabase(),
  mkdtemp(path.join(tmpdir(), 'weir-exactly-once-chaos-')),
]);
const started = Date.now();
try {
  const drill = await runExactlyOnceDrill({
    zookeeper: zk.connectString,
    databaseUrl: db.url,
    dir,
    clusterId: 'chaos',
    kills,
    seed,
    sessionTimeoutMs: Number(values['session-timeout-ms']),
    records,
    ratePerSecond: 6000,
    rescale: { afterKill: Math.floor(kills / 2), to: 2 },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { lost, duplicated, unexpected } = drill.difference;
  for (const [what, list] of Object.entries(drill.difference))
    if (list.length > 0) process.stderr.write(`${what}: ${list.slice(0, 10).join(', ')} ...\n`);
  report({
    bench: 'exactly-once-chaos',
    seed,
    kills: drill.kills.length,
    kill_moments: drill.kills.join(','),
    rescaled: drill.rescaled,
    final_status: drill.finalStatus,
    records,
    expected: drill.expected,
    lost: lost.length,
    duplicated: duplicated.length,
    unexpected: unexpected.length,
    seconds: Math.round((Date.now() - started) / 1000),
  });
} finally {
  await Promise.allSettled([zk.stop(), db.drop()]);
  await rm(dir, { recursive: true, force: true });
}
