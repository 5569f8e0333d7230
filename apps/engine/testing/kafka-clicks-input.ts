import { Kafka, logLevel } from 'kafkajs';
import type { DrillInput } from './exactly-once-drill.js';

/** The user of the records that close the input: dropped by the job, they only move time on. */
const END_USER = '__end';
/** Records per produce call: a tenth of a second at the drill's rates. */
const BATCH = 500;

/**
 * The drill's clicks read from Kafka: the feed writes datagen's lines to `topic` in order,
 * record i to partition i mod `partitions`, `feedRate` a second (the job keeps up, so this sets
 * how long the drill has for its kills). The source reads them
 * as JSON with event time from `ts`, 2 s out of order like datagen's (a record is never later
 * than that behind the newest of its partition, so none is dropped as late), and sends the
 * malformed ones to dead letters. Last, one record per partition 60 s of event time later
 * makes every window fire; "parse" drops it and unwraps the value.
 */
export function kafkaClicksInput(
  brokers: string[],
  topic: string,
  partitions: number,
  feedRate: number,
): DrillInput {
  return {
    source: {
      uid: 'clicks',
      kind: 'kafka-source',
      config: {
        connection: {
          brokers,
          clientId: 'weir',
          tls: false,
          connectionTimeoutMs: 3000,
          requestTimeoutMs: 10_000,
        },
        topics: [topic],
        startFrom: 'earliest',
        format: 'json',
        eventTime: { field: 'ts' },
        maxOutOfOrdernessMs: 2000,
        partitionDiscoveryIntervalMs: 30_000,
      },
    },
    parse: {
      uid: 'parse',
      kind: 'flat-map',
      config: { expression: `record.value.user == "${END_USER}" ? [] : [record.value]` },
    },
    feed: (lineAt, count) => feed(brokers, topic, partitions, lineAt, count, feedRate),
  };
}

async function feed(
  brokers: string[],
  topic: string,
  partitions: number,
  lineAt: (index: number) => string,
  count: number,
  ratePerSecond: number,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'weir-test-feed',
    brokers,
    logLevel: logLevel.NOTHING,
    // The drill restarts the broker once: keep retrying through it.
    retry: { retries: 30, maxRetryTime: 2000 },
  });
  // Idempotent, so a retry after a broker restart cannot write a record twice.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = Date.now();
  try {
    let lastTs = 0;
    for (let from = 0; from < count; from += BATCH) {
      const to = Math.min(count, from + BATCH);
      const messages = [];
      for (let i = from; i < to; i++) {
        const line = lineAt(i);
        messages.push({ partition: i % partitions, value: line });
        const ts = /"ts":(\d+)/.exec(line)?.[1];
        if (ts) lastTs = Math.max(lastTs, Number(ts));
      }
      await producer.send({ topic, messages });
      // Pacing, not waiting for a condition: the input arrives as a live topic's would.
      const due = started + (to * 1000) / ratePerSecond - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    const end = JSON.stringify({ user: END_USER, page: '', ts: lastTs + 60_000 });
    await producer.send({
      topic,
      messages: Array.from({ length: partitions }, (_, partition) => ({ partition, value: end })),
    });
  } finally {
    await producer.disconnect();
  }
}
