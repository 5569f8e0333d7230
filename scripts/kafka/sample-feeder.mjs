#!/usr/bin/env node
// Feeds the Kafka sample job (`npm start -- --kafka`, docker-compose's `feeder`): click events
// as JSON, keyed by user, into a topic it creates if missing, at a steady rate until stopped.
// Settings come from the environment: WEIR_KAFKA_BROKERS (host:port,...), WEIR_SAMPLE_TOPIC
// (weir-clicks), WEIR_SAMPLE_RATE (records per second, 200), WEIR_SAMPLE_PARTITIONS (3).
import { Kafka, logLevel, Partitioners } from 'kafkajs';

const brokers = (process.env.WEIR_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
if (brokers.length === 0) {
  process.stderr.write('WEIR_KAFKA_BROKERS is not set (host:port,...)\n');
  process.exit(2);
}
const topic = process.env.WEIR_SAMPLE_TOPIC ?? 'weir-clicks';
const rate = Number(process.env.WEIR_SAMPLE_RATE ?? 200);
const partitions = Number(process.env.WEIR_SAMPLE_PARTITIONS ?? 3);
if (!(rate > 0) || !(partitions > 0)) {
  process.stderr.write('WEIR_SAMPLE_RATE and WEIR_SAMPLE_PARTITIONS must be positive numbers\n');
  process.exit(2);
}

const kafka = new Kafka({ clientId: 'weir-sample-feeder', brokers, logLevel: logLevel.ERROR });
const admin = kafka.admin();
await admin.connect();
// False when it exists already: a restarted feeder goes on with the same topic.
await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
await admin.disconnect();

const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();
let stopping = false;
const stop = () => {
  stopping = true;
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** Deterministic enough to look alive: 500 users, 50 pages, one malformed record in 1,000. */
let sent = 0;
const click = (now) => {
  sent += 1;
  const user = `user-${(sent * 7919) % 500}`;
  if (sent % 1000 === 0) return { key: user, value: `{"user": "${user}", "ts": broken` };
  return { key: user, value: JSON.stringify({ user, page: `/page/${sent % 50}`, ts: now }) };
};

const TICK_MS = 100;
process.stdout.write(`feeding ${topic} on ${brokers.join(',')} at ${rate} records/s\n`);
while (!stopping) {
  const started = Date.now();
  const messages = Array.from({ length: Math.max(1, Math.round((rate * TICK_MS) / 1000)) }, () =>
    click(started),
  );
  await producer.send({ topic, messages });
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - started))),
  );
}
await producer.disconnect();
