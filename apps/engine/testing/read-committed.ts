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

/**
 * Every record of `topic` a `read_committed` consumer sees (values as text), read from the
 * start up to the partitions' ends as they are when called: committed transactions only,
 * never aborted or open ones. Fails if it cannot read through in 60 s.
 */
export async function readCommitted(brokers: string[], topic: string): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'weir-test-reader', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const owed = new Map(ends.map((e) => [e.partition, Number(e.high)]));
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
