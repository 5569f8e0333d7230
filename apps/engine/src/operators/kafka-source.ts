import type { KafkaSourceConfig } from '@weir/contract';
import {
  type FetchedBatch,
  type FetchedRecord,
  type KafkaSourceClient,
  type PartitionOffset,
  type PartitionReader,
  partitionId,
  selects,
  type TopicPartition,
  type TopicSelection,
} from '../connectors/kafka/source-client.js';
import { FlatJsonReader } from '../core/flat-json.js';
import { keyGroupRange } from '../core/key-groups.js';
import {
  MIN_WATERMARK,
  type OperatorContext,
  type OperatorState,
  type PartitionLag,
  type PollResult,
  type SourceOperator,
} from '../core/operator.js';
import { decodeRecord } from './kafka/kafka-record.js';
import { keyGroupOfPartition, ownsPartition } from './kafka/partition-ownership.js';
import { type PartitionClock, PartitionWatermarks } from './kafka/partition-watermarks.js';

/** Records fetched ahead of `poll`; past this the reader pauses (backpressure), below half it resumes. */
const BUFFER_CAPACITY = 20_000;
/** How soon to poll again when nothing is buffered: records arrive from the fetch loop meanwhile. */
const EMPTY_POLL_WAIT_MS = 10;
/** How often log-end offsets are looked up for lag, besides what each fetch reports. */
const LAG_REFRESH_MS = 5_000;

/** One item of keyed state: where to resume a partition. */
interface PartitionPosition {
  topic: string;
  partition: number;
  /** Offset of the next record to emit. */
  nextOffset: number;
}

interface Partition extends PartitionClock, TopicPartition {
  nextOffset: number;
  /** Offset of the next record to fetch: past what is buffered. */
  fetchFrom: number;
  logEndOffset: number;
  /** Timestamp of the last record emitted; null before any. */
  lastTimestamp: number | null;
}

/** Fetched records of one partition waiting for `poll`, in offset order. */
interface BufferedBatch {
  partition: Partition;
  records: FetchedRecord[];
}

/**
 * Reads Kafka partitions into the job. Which subtask reads a partition follows from the
 * partition alone (`keyGroupOfPartition`): its offset is keyed state in that key group, so a
 * restore resumes every partition exactly at its checkpointed offset and a rescale moves it
 * with its offset, while partitions found later (new topics matching the pattern, partitions
 * added to a topic) go to whichever subtask owns their key group now, from their earliest
 * offset. No consumer group decides anything; the group in the config only shows progress.
 *
 * `poll` is synchronous: it emits what an asynchronous fetch loop has buffered.
 */
export class KafkaSource implements SourceOperator {
  private ctx!: OperatorContext;
  private readonly partitions = new Map<string, Partition>();
  private readonly buffer: BufferedBatch[] = [];
  /** Index of the next record to emit in the first buffered batch. */
  private bufferIndex = 0;
  private buffered = 0;
  /**
   * Key groups whose partitions start where `startFrom` says rather than at the earliest
   * offset: on a fresh start, every key group of this subtask until its first discovery has
   * placed their partitions; after a restore, those a checkpoint taken before that marked so
   * (an empty list as the key group's state).
   */
  private readonly unstarted = new Set<number>();
  private started = false;
  private client: KafkaSourceClient | null = null;
  private reader: PartitionReader | null = null;
  private paused = false;
  /** Thrown from the next `poll`, failing the subtask: the restart strategy takes it from there. */
  private failure: Error | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly watermarks: PartitionWatermarks;
  /** Offsets of each pending checkpoint, committed to the group once it completes. */
  private readonly pendingCommits = new Map<number, PartitionOffset[]>();
  /** Reads records' JSON values, reusing the keys they repeat (see FlatJsonReader). */
  private readonly json = new FlatJsonReader();
  private committing = false;
  private discovering = false;
  private readonly selection: TopicSelection;

  constructor(
    private readonly config: KafkaSourceConfig,
    private readonly createClient: () => KafkaSourceClient,
  ) {
    this.watermarks = new PartitionWatermarks(config.maxOutOfOrdernessMs, config.idleTimeoutMs);
    const { topics, topicPattern } = config;
    this.selection = topics ? { topics } : { pattern: new RegExp(topicPattern ?? '') };
  }

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    const [start, end] = keyGroupRange(ctx.subtaskIndex, ctx.parallelism, ctx.maxParallelism);
    for (let keyGroup = start; keyGroup <= end; keyGroup++) this.unstarted.add(keyGroup);
  }

  /**
   * Takes the partitions of this subtask's key groups, at their checkpointed offsets; those
   * of topics the config no longer selects are dropped.
   */
  restoreState(state: OperatorState): void {
    this.unstarted.clear();
    for (const [keyGroup, positions] of state.keyed ?? []) {
      const list = positions as PartitionPosition[];
      if (list.length === 0) this.unstarted.add(keyGroup);
      for (const p of list)
        if (selects(this.selection, p.topic)) this.addPartition(p, p.nextOffset);
    }
  }

  private addPartition(tp: TopicPartition, offset: number): void {
    const partition: Partition = {
      topic: tp.topic,
      partition: tp.partition,
      nextOffset: offset,
      fetchFrom: offset,
      logEndOffset: offset,
      lastTimestamp: null,
      maxEventTime: MIN_WATERMARK,
      lastRecordAt: this.ctx.now(),
      buffered: 0,
    };
    this.partitions.set(partitionId(tp), partition);
  }

  poll(max: number, nowMs: number): PollResult {
    if (this.failure) throw this.failure;
    if (!this.started) this.start();
    let emitted = 0;
    while (emitted < max && this.buffer.length > 0) {
      const { partition, records } = this.buffer[0] as BufferedBatch;
      const from = this.bufferIndex;
      const to = Math.min(records.length, from + (max - emitted));
      for (let i = from; i < to; i++) this.emit(partition, records[i] as FetchedRecord);
      // Bookkeeping once per run of records of one partition, not per record.
      const last = records[to - 1] as FetchedRecord;
      partition.nextOffset = last.offset + 1;
      partition.lastTimestamp = last.timestamp;
      partition.lastRecordAt = nowMs;
      partition.buffered -= to - from;
      this.buffered -= to - from;
      emitted += to - from;
      if (to < records.length) this.bufferIndex = to;
      else {
        this.buffer.shift();
        this.bufferIndex = 0;
      }
    }
    if (this.paused && this.buffered < BUFFER_CAPACITY / 2) {
      this.paused = false;
      this.reader?.resume();
    }
    return { emitted, finished: false, nextDueInMs: emitted > 0 ? 0 : EMPTY_POLL_WAIT_MS };
  }

  private emit(partition: Partition, fetched: FetchedRecord): void {
    const decoded = decodeRecord(partition, fetched, this.config, this.json);
    if (!decoded.ok) {
      this.ctx.deadLetter(decoded.raw, decoded.reason);
      return;
    }
    if (decoded.eventTime > partition.maxEventTime) partition.maxEventTime = decoded.eventTime;
    this.ctx.output.emit(decoded.record);
  }

  private owns(tp: TopicPartition): boolean {
    const { subtaskIndex, parallelism, maxParallelism } = this.ctx;
    return ownsPartition(tp, subtaskIndex, parallelism, maxParallelism);
  }

  /** After `restoreState` (or without state): finds the partitions, then starts fetching. */
  private start(): void {
    this.started = true;
    this.client = this.createClient();
    this.fail(this.discover(true));
    this.timers.push(
      setInterval(() => this.fail(this.discover(false)), this.config.partitionDiscoveryIntervalMs),
      setInterval(() => this.fail(this.refreshLogEnds()), LAG_REFRESH_MS),
    );
    for (const timer of this.timers) timer.unref();
  }

  /** A failure of the first discovery fails the subtask; a later one is retried next time. */
  private fail(work: Promise<void>): void {
    work.catch((error: Error) => {
      if (!this.failure) this.failure = error;
    });
  }

  /**
   * Adds the partitions this subtask owns and does not read yet, then (re)starts the reader
   * with every partition. Those the first discovery finds in key groups not started yet
   * start where `startFrom` says; all others are new since (a partition added, a topic
   * created) and start at their earliest offset, so nothing written to them is missed.
   */
  private async discover(first: boolean): Promise<void> {
    if (this.discovering) return;
    this.discovering = true;
    try {
      const client = this.client as KafkaSourceClient;
      const found = await client.partitions(this.selection).catch((error: Error) => {
        if (first) throw error;
        this.ctx.logger.warn({ err: error }, 'kafka source: partition discovery failed');
        return null;
      });
      const added = (found ?? []).filter(
        (tp) => this.owns(tp) && !this.partitions.has(partitionId(tp)),
      );
      const { maxParallelism } = this.ctx;
      const unstarted = (tp: TopicPartition) =>
        this.unstarted.has(keyGroupOfPartition(tp, maxParallelism));
      const offsets = [
        ...(await this.startOffsets(added.filter(unstarted))),
        ...(await client.offsets(
          added.filter((tp) => !unstarted(tp)),
          'earliest',
        )),
      ];
      for (const o of offsets) this.addPartition(o, o.offset);
      // Every key group has started: a partition showing up in one later is new.
      this.unstarted.clear();
      if (added.length > 0 || first) await this.restartReader();
      // Lag is right from the start (a job that was stopped starts behind), not after a refresh.
      if (first) await this.refreshLogEnds();
    } finally {
      this.discovering = false;
    }
  }

  private async startOffsets(partitions: TopicPartition[]): Promise<PartitionOffset[]> {
    const client = this.client as KafkaSourceClient;
    const { startFrom, group } = this.config;
    if (partitions.length === 0) return [];
    if (startFrom !== 'group-offsets') return client.offsets(partitions, startFrom);
    const committed = await client.committedOffsets(group as string, partitions);
    const uncommitted = partitions.filter(
      (tp) => !committed.some((c) => partitionId(c) === partitionId(tp)),
    );
    return [...committed, ...(await client.offsets(uncommitted, 'earliest'))];
  }

  private async restartReader(): Promise<void> {
    await this.reader?.close();
    this.reader = null;
    const client = this.client;
    // Nothing to read yet, or closed meanwhile.
    if (this.partitions.size === 0 || !client) return;
    const reader = client.reader((error) => {
      if (!this.failure) this.failure = error;
    });
    this.reader = reader;
    if (this.paused) reader.pause();
    const positions = [...this.partitions.values()].map(({ topic, partition, fetchFrom }) => ({
      topic,
      partition,
      offset: fetchFrom,
    }));
    await reader.start(positions, (batch) => this.onBatch(batch));
  }

  /** From the fetch loop: buffers what follows what was fetched before; pauses when full. */
  private onBatch(batch: FetchedBatch): void {
    const partition = this.partitions.get(partitionId(batch));
    if (!partition) return;
    partition.logEndOffset = Math.max(partition.logEndOffset, batch.logEndOffset);
    // A reader started again (new partitions) refetches from where the previous one was.
    // Records come in offset order: only a leading run can be old.
    let records = batch.records;
    let skip = 0;
    while (skip < records.length && (records[skip] as FetchedRecord).offset < partition.fetchFrom)
      skip += 1;
    if (skip > 0) records = records.slice(skip);
    const last = records[records.length - 1];
    if (!last) return;
    partition.fetchFrom = last.offset + 1;
    partition.buffered += records.length;
    this.buffered += records.length;
    this.buffer.push({ partition, records });
    if (!this.paused && this.buffered >= BUFFER_CAPACITY) {
      this.paused = true;
      this.reader?.pause();
    }
  }

  private async refreshLogEnds(): Promise<void> {
    const client = this.client;
    if (!client || this.partitions.size === 0) return;
    const ends = await client
      .offsets([...this.partitions.values()], 'latest')
      .catch((error: Error) => {
        this.ctx.logger.warn({ err: error }, 'kafka source: reading log-end offsets failed');
        return [];
      });
    for (const end of ends) {
      const partition = this.partitions.get(partitionId(end));
      if (partition) partition.logEndOffset = Math.max(partition.logEndOffset, end.offset);
    }
  }

  currentWatermark(): number {
    return this.watermarks.current(this.partitions.values(), this.ctx.now());
  }

  positions(): Record<string, number> {
    return Object.fromEntries([...this.partitions].map(([id, { nextOffset }]) => [id, nextOffset]));
  }

  lag(): PartitionLag[] {
    const now = this.ctx.now();
    return [...this.partitions.values()].map((p) => {
      const records = Math.max(0, p.logEndOffset - p.nextOffset);
      const seconds =
        records === 0
          ? 0
          : p.lastTimestamp === null
            ? null
            : Math.max(0, now - p.lastTimestamp) / 1000;
      return { topic: p.topic, partition: p.partition, records, seconds };
    });
  }

  /** Stops fetching and discovery and closes the connections to Kafka. */
  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const client = this.client;
    this.client = null;
    this.reader = null;
    await client?.close();
  }

  processElement(): void {
    throw new Error('a source has no input');
  }

  processWatermark(): void {}

  snapshotState(checkpointId: number): OperatorState {
    const { maxParallelism } = this.ctx;
    const groups = new Map<number, PartitionPosition[]>(
      [...this.unstarted].map((keyGroup) => [keyGroup, []]),
    );
    const offsets: PartitionOffset[] = [];
    for (const { topic, partition, nextOffset } of this.partitions.values()) {
      const keyGroup = keyGroupOfPartition({ topic, partition }, maxParallelism);
      const list = groups.get(keyGroup) ?? [];
      list.push({ topic, partition, nextOffset });
      groups.set(keyGroup, list);
      offsets.push({ topic, partition, offset: nextOffset });
    }
    if (this.config.group !== undefined) this.pendingCommits.set(checkpointId, offsets);
    return { keyed: [...groups] };
  }

  /**
   * Commits the completed checkpoint's offsets to the group, for lag tools only: nothing
   * reads them back (a restore uses the checkpoint). Failing to commit is logged, not fatal.
   */
  notifyCheckpointComplete(checkpointId: number): void {
    const offsets = this.pendingCommits.get(checkpointId);
    for (const id of this.pendingCommits.keys())
      if (id <= checkpointId) this.pendingCommits.delete(id);
    const { group } = this.config;
    // A commit still under way: the next completed checkpoint commits newer offsets anyway.
    if (!offsets || offsets.length === 0 || !group || !this.client || this.committing) return;
    this.committing = true;
    this.client
      .commitOffsets(group, offsets)
      .catch((error: Error) =>
        this.ctx.logger.warn({ err: error, group }, 'kafka source: committing offsets failed'),
      )
      .finally(() => {
        this.committing = false;
      });
  }
}
