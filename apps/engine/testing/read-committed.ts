import { Kafka, logLevel } from 'kafkajs';

/** A record as kafkajs decodes it, control records and transaction flags included. */
interface RawRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  isControlRecord: boolean;
  batchContext: { producerId: string; inTransaction: boolean };
}

/** A control record's key: version (int16) then type (int16), 0 for abort, 1 for commit. */
const isCommitMarker = (record: RawRecord) => record.key?.readInt16BE(2) === 1;

/**
 * What a `read_committed` consumer delivers from one partition's records in offset order:
 * records outside transactions at once, a transaction's records at its commit marker, never
 * those of an aborted or still open one. Done here from the markers rather than by a client's
 * read_committed filter, so the tests' reader does not share the code under test: unpatched
 * kafkajs let through the first records of interleaved aborted transactions (README, "kafkajs
 * is patched").
 */
class CommittedFilter {
  private readonly open = new Map<string, RawRecord[]>();

  push(record: RawRecord, deliver: (value: string) => void): void {
    const { producerId, inTransaction } = record.batchContext;
    if (record.isControlRecord) {
      const records = this.open.get(producerId) ?? [];
      this.open.delete(producerId);
      if (isCommitMarker(record)) for (const r of records) deliver(r.value?.toString() ?? '');
    } else if (inTransaction) {
      const records = this.open.get(producerId) ?? [];
      records.push(record);
      this.open.set(producerId, records);
    } else deliver(record.value?.toString() ?? '');
  }
}

/** The records of a kafkajs batch, control records included (kafkajs keeps them internal). */
const rawRecordsOf = (batch: unknown) =>
  (batch as { messagesWithinOffset: RawRecord[] }).messagesWithinOffset;

/** How long the partitions' stable offsets must stay put to count as settled. */
const SETTLED_MS = 500;

/**
 * Each partition's last stable offset once no commit is still being written. A producer's
 * commit returns before the coordinator has written the commit markers into the partitions;
 * until it has, the stable offset stops before that transaction and a read would miss it (and
 * a marker fetched alone later never reaches a kafkajs batch). So the offsets are asked for
 * until two answers SETTLED_MS apart agree: the writers of a test have stopped by then, and
 * markers follow a commit within milliseconds.
 */
async function settledEnds(kafka: Kafka, topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = async () =>
      new Map(
        (await admin.fetchTopicOffsets(topic)).map((e) => [e.partition, Number(e.high)] as const),
      );
    const same = (a: Map<number, number>, b: Map<number, number>) =>
      a.size === b.size && [...a].every(([p, end]) => b.get(p) === end);
    let previous = await ends();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, SETTLED_MS));
      const current = await ends();
      if (same(previous, current) || Date.now() > deadline) return current;
      previous = current;
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Every record of `topic` a `read_committed` consumer sees (values as text), read from the
 * start up to the partitions' ends as they are when called: committed transactions only,
 * never aborted or open ones. Fails if it cannot read through in 60 s.
 */
export async function readCommitted(brokers: string[], topic: string): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'weir-test-reader', brokers, logLevel: logLevel.NOTHING });
  const ends = await settledEnds(kafka, topic);
  const owed = new Map(ends);
  for (const [partition, end] of owed) if (end === 0) owed.delete(partition);
  const values: string[] = [];
  if (owed.size === 0) return values;
  const filters = new Map<number, CommittedFilter>();
  const consumer = kafka.consumer({
    groupId: `weir-test-reader-${Math.random().toString(36).slice(2)}`,
    // Every record and marker, filtered by CommittedFilter. A fetch holding only markers
    // never reaches eachBatch, so a partition comes in one fetch (test topics are small).
    readUncommitted: true,
    maxBytesPerPartition: 64 * 1024 * 1024,
    maxBytes: 256 * 1024 * 1024,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic} not read through in 60 s`)),
        60_000,
      );
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            const filter = filters.get(batch.partition) ?? new CommittedFilter();
            filters.set(batch.partition, filter);
            for (const record of rawRecordsOf(batch))
              filter.push(record, (value) => values.push(value));
            const end = owed.get(batch.partition);
            if (end !== undefined && Number(batch.lastOffset()) + 1 >= end)
              owed.delete(batch.partition);
            if (owed.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return values;
}

/**
 * Follows `topic` from its start as a `read_committed` consumer, calling `onValue` with each
 * record's value the moment it becomes visible, until the returned function stops it.
 */
export async function watchCommitted(
  brokers: string[],
  topic: string,
  onValue: (value: string) => void,
): Promise<() => Promise<void>> {
  const kafka = new Kafka({ clientId: 'weir-test-watcher', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({
    groupId: `weir-test-watcher-${Math.random().toString(36).slice(2)}`,
    readUncommitted: false,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) onValue(message.value?.toString() ?? '');
    },
  });
  return () => consumer.disconnect();
}
