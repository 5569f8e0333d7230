// Issue 17's drill at length: two engines in ZooKeeper HA mode run Kafka -> keyed sliding-window
// count -> Kafka (exactly-once) while the leader is SIGKILLed again and again (at start-up,
// while restoring, as a checkpoint commits, at random in a steady run); the broker is restarted
// once and the job rescaled from 2 to 3 half-way. A read_committed reader's output is compared
// with the failure-free reference as multisets: goal 0 lost, 0 duplicated.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTestDatabase,
  KafkaTopics,
  kafkaClicksInput,
  kafkaResultsSink,
  readWindowResults,
  runExactlyOnceDrill,
  startZookeeperEnsemble,
  TestKafka,
} from '@weir/engine/testing';
import { report } from './_run-job.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
    'session-timeout-ms': { type: 'string', default: '3000' },
    // Records a second the feed writes: with the default count, about 12 s of input per kill.
    'feed-rate': { type: 'string', default: '2000' },
    records: { type: 'string' },
  },
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const feedRate = Number(values['feed-rate']);
const records = Number(values.records ?? kills * 12 * feedRate);
const INPUT_PARTITIONS = 4;

const [zk, kafka, db, dir] = await Promise.all([
  startZookeeperEnsemble(3),
  TestKafka.start(),
  createTestDatabase(),
  mkdtemp(path.join(tmpdir(), 'weir-kafka-chaos-')),
]);
const started = Date.now();
try {
  const topics = new KafkaTopics(kafka.brokers);
  await topics.create('chaos-clicks', INPUT_PARTITIONS);
  await topics.create('chaos-results', 3);
  const drill = await runExactlyOnceDrill({
    zookeeper: zk.connectString,
    databaseUrl: db.url,
    dir,
    clusterId: 'kafka-chaos',
    kills,
    seed,
    sessionTimeoutMs: Number(values['session-timeout-ms']),
    records,
    ratePerSecond: 6000,
    parallelism: 2,
    rescale: { afterKill: Math.floor(kills / 2), to: 3 },
    input: kafkaClicksInput(kafka.brokers, 'chaos-clicks', INPUT_PARTITIONS, feedRate),
    output: {
      sink: kafkaResultsSink(kafka.brokers, 'chaos-results'),
      read: () => readWindowResults(kafka.brokers, 'chaos-results'),
      afterKill: async (kill) => {
        if (kill !== 3) return;
        process.stderr.write('restarting the broker\n');
        await kafka.restart();
      },
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const { lost, duplicated, unexpected } = drill.difference;
  for (const [what, list] of Object.entries(drill.difference))
    if (list.length > 0) process.stderr.write(`${what}: ${list.slice(0, 10).join(', ')} ...\n`);
  report({
    bench: 'kafka-chaos',
    seed,
    kills: drill.kills.length,
    kill_moments: drill.kills.join(','),
    rescaled: drill.rescaled,
    broker_restarts: 1,
    final_status: drill.finalStatus,
    records,
    expected: drill.expected,
    lost: lost.length,
    duplicated: duplicated.length,
    unexpected: unexpected.length,
    seconds: Math.round((Date.now() - started) / 1000),
  });
} finally {
  await Promise.allSettled([zk.stop(), kafka.stop(), db.drop()]);
  await rm(dir, { recursive: true, force: true });
}
