import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { KafkaConnection } from '@weir/contract';
import type { Admin, Consumer, IHeaders, Kafka, PartitionAssigner, Producer } from 'kafkajs';
import { createKafka, kafkajs } from './connection.js';
import {
  byTopic,
  type FetchedBatch,
  type FetchedRecord,
  type KafkaSourceClient,
  type OffsetSpec,
  type PartitionOffset,
  type PartitionReader,
  partitionId,
  selects,
  type TopicPartition,
  type TopicSelection,
} from './source-client.js';

/** `KafkaSourceClient` on kafkajs. `field` names the connection in errors about its secrets. */
export function createKafkaSourceClient(
  connection: KafkaConnection,
  field: string,
): KafkaSourceClient {
  return new KafkajsSourceClient(createKafka(connection, field));
}

class KafkajsSourceClient implements KafkaSourceClient {
  private admin: Promise<Admin> | null = null;
  private committer: Promise<Producer> | null = null;
  private readonly readers = new Set<KafkajsPartitionReader>();

  constructor(private readonly kafka: Kafka) {}

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.admin = null;
      throw error;
    });
    return this.admin;
  }

  async partitions(selection: TopicSelection): Promise<TopicPartition[]> {
    const admin = await this.connectedAdmin();
    // Listing first: asking for the metadata of a missing topic may create it on the broker.
    const existing = await admin.listTopics();
    const topics = existing.filter((topic) => selects(selection, topic));
    if (topics.length === 0) return [];
    const metadata = await admin.fetchTopicMetadata({ topics });
    return metadata.topics.flatMap(({ name, partitions }) =>
      partitions.map(({ partitionId: partition }) => ({ topic: name, partition })),
    );
  }

  async offsets(partitions: TopicPartition[], spec: OffsetSpec): Promise<PartitionOffset[]> {
    const admin = await this.connectedAdmin();
    const found: PartitionOffset[] = [];
    for (const [topic, wanted] of byTopic(partitions)) {
      const listed =
        typeof spec === 'object'
          ? await admin.fetchTopicOffsetsByTimestamp(topic, spec.timestamp)
          : (await admin.fetchTopicOffsets(topic)).map((o) => ({
              partition: o.partition,
              offset: spec === 'earliest' ? o.low : o.offset,
            }));
      for (const { partition } of wanted) {
        const entry = listed.find((o) => o.partition === partition);
        if (entry) found.push({ topic, partition, offset: Number(entry.offset) });
      }
    }
    return found;
  }

  async committedOffsets(group: string, partitions: TopicPartition[]): Promise<PartitionOffset[]> {
    const admin = await this.connectedAdmin();
    const wanted = new Set(partitions.map(partitionId));
    const topics = [...byTopic(partitions).keys()];
    const committed = await admin.fetchOffsets({ groupId: group, topics });
    return committed.flatMap(({ topic, partitions: listed }) =>
      listed
        .map(({ partition, offset }) => ({ topic, partition, offset: Number(offset) }))
        // -1: the group has committed nothing for the partition.
        .filter((o) => o.offset >= 0 && wanted.has(partitionId(o))),
    );
  }

  /**
   * Commits through a transaction's `sendOffsets`, which needs no group membership. kafkajs's
   * `admin.setOffsets` joins the group with a consumer to commit: two subtasks committing to
   * the same group at once then found it rebalancing ("must have no running instances").
   */
  async commitOffsets(group: string, offsets: PartitionOffset[]): Promise<void> {
    const producer = await this.connectedCommitter();
    const transaction = await producer.transaction();
    try {
      await transaction.sendOffsets({
        consumerGroupId: group,
        topics: [...byTopic(offsets)].map(([topic, list]) => ({
          topic,
          partitions: list.map(({ partition, offset }) => ({ partition, offset: String(offset) })),
        })),
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => {});
      throw error;
    }
  }

  private connectedCommitter(): Promise<Producer> {
    this.committer ??= (async () => {
      // Its own transactional id: these commits only show progress, so nothing may fence them.
      const producer = this.kafka.producer({
        transactionalId: `weir-offsets-${randomUUID()}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.committer = null;
      throw error;
    });
    return this.committer;
  }

  reader(onError: (error: Error) => void): PartitionReader {
    const reader = new KafkajsPartitionReader(this.kafka, onError, () =>
      this.readers.delete(reader),
    );
    this.readers.add(reader);
    return reader;
  }

  async close(): Promise<void> {
    const { admin, committer } = this;
    this.admin = null;
    this.committer = null;
    await Promise.allSettled([
      ...[...this.readers].map((r) => r.close()),
      admin?.then((a) => a.disconnect()),
      committer?.then((p) => p.disconnect()),
    ]);
  }
}

/** How often a reader held by backpressure heartbeats its group (kafkajs's interval is 3 s). */
const PAUSED_HEARTBEAT_MS = 1_000;
/** How long a close waits for a join in flight, so that it can leave the group it joins. */
const JOIN_WAIT_MS = 3_000;

/**
 * kafkajs has no `assign()`: a consumer always belongs to a group, and the group's leader
 * decides who reads what. So each reader joins a group of its own (a fresh id nobody else
 * uses), whose only member is itself, with an assigner that hands it exactly the partitions
 * Weir gave it. The group never commits: where each partition starts is a `seek` to Weir's
 * offset, repeated after every (re)join, since a rejoin restarts kafkajs at the group's
 * (absent, so earliest) offsets. Records before Weir's position are dropped, so a refetch
 * after a rejoin never delivers a record twice.
 */
class KafkajsPartitionReader implements PartitionReader {
  private consumer: Consumer | null = null;
  /** Next offset to deliver, per partition id. */
  private readonly next = new Map<string, PartitionOffset>();
  /** Set by `pause`: the fetch loop waits in the batch handler until `resume`. */
  private paused = false;
  /** Ends the fetch loop's wait while paused. */
  private wake: (() => void) | null = null;
  private closed = false;
  /** `consumer.run`, which settles once the consumer has joined its group (or crashed). */
  private joining: Promise<void> | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly onError: (error: Error) => void,
    private readonly onClose: () => void,
  ) {}

  async start(positions: PartitionOffset[], onBatch: (batch: FetchedBatch) => void): Promise<void> {
    for (const p of positions) this.next.set(partitionId(p), { ...p });
    const assignment = Object.fromEntries(
      [...byTopic(positions)].map(([topic, list]) => [topic, list.map((p) => p.partition)]),
    );
    const consumer = this.kafka.consumer({
      groupId: `weir-reader-${randomUUID()}`,
      partitionAssigners: [fixedAssignment(assignment)],
      allowAutoTopicCreation: false,
      // Short fetch waits keep pause, resume and close prompt.
      maxWaitTimeInMs: 250,
      maxBytes: 4 * 1024 * 1024,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const p of this.next.values())
        consumer.seek({ topic: p.topic, partition: p.partition, offset: String(p.offset) });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.onError(payload.error);
    });
    // Closed while starting: kafkajs would go on running a consumer nobody stops.
    const closedMeanwhile = async () => {
      if (this.closed) await consumer.disconnect();
      return this.closed;
    };
    await consumer.connect();
    if (await closedMeanwhile()) return;
    await consumer.subscribe({ topics: Object.keys(assignment), fromBeginning: true });
    if (await closedMeanwhile()) return;
    const running = consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, isRunning }) => {
        // Closed while joining: `close` lets the join finish (to leave the group) first.
        if (this.closed) return;
        const position = this.next.get(partitionId(batch));
        if (!position) return;
        const records: FetchedRecord[] = [];
        for (const message of batch.messages) {
          const offset = Number(message.offset);
          if (offset < position.offset) continue;
          records.push({
            offset,
            timestamp: Number(message.timestamp),
            key: message.key ?? null,
            value: message.value,
            headers: headersOf(message.headers),
          });
        }
        const last = records[records.length - 1];
        if (last) position.offset = last.offset + 1;
        onBatch({
          topic: batch.topic,
          partition: batch.partition,
          records,
          logEndOffset: Number(batch.highWatermark),
        });
        // Backpressure: the fetch loop waits here, so nothing more is fetched until resumed.
        if (this.paused) await this.whilePaused(heartbeat, isRunning);
      },
    });
    this.joining = running.catch(() => {});
    await running;
  }

  /**
   * Holds the fetch loop until `resume` or `close`. Holding it, rather than kafkajs's own
   * pause, keeps what is fetched from being dropped and fetched again, and a resume takes
   * effect at once: a consumer with every partition paused sleeps a whole fetch wait before it
   * looks again. kafkajs heartbeats only between batches, so the wait does it meanwhile.
   */
  private async whilePaused(heartbeat: () => Promise<void>, isRunning: () => boolean) {
    while (this.paused && !this.closed && isRunning()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, PAUSED_HEARTBEAT_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      if (this.paused && !this.closed) await heartbeat();
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    const consumer = this.consumer;
    this.consumer = null;
    this.onClose();
    // kafkajs sends LeaveGroup only from a consumer that has finished joining: closed while
    // joining, it would stay a member on the broker until the 30 s session timeout.
    if (this.joining)
      await Promise.race([this.joining, delay(JOIN_WAIT_MS, undefined, { ref: false })]);
    await consumer?.disconnect();
  }
}

/** The assigner of a one-member group: its member gets exactly `assignment`. */
function fixedAssignment(assignment: Record<string, number[]>): PartitionAssigner {
  const name = 'WeirFixedAssignment';
  return () => ({
    name,
    version: 1,
    protocol: ({ topics }) => ({
      name,
      metadata: kafkajs().AssignerProtocol.MemberMetadata.encode({
        version: 1,
        topics,
        userData: Buffer.alloc(0),
      }),
    }),
    assign: async ({ members }) =>
      members.map(({ memberId }, i) => ({
        memberId,
        memberAssignment: kafkajs().AssignerProtocol.MemberAssignment.encode({
          version: 1,
          assignment: i === 0 ? assignment : {},
          userData: Buffer.alloc(0),
        }),
      })),
  });
}

/** Header values as text; a header given more than once keeps its last value. */
function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  // for-in, not Object.entries: most records have no headers, and this runs for each one.
  for (const name in headers) {
    const value = headers[name];
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) text[name] = last.toString();
  }
  return text;
}
