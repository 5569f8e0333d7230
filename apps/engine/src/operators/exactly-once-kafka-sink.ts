import { randomBytes } from 'node:crypto';
import type { KafkaSinkConfig } from '@weir/contract';
import type {
  KafkaSinkClient,
  OutgoingRecord,
  TransactionalProducer,
} from '../connectors/kafka/sink-client.js';
import {
  FINAL_SNAPSHOT,
  type Operator,
  type OperatorContext,
  type OperatorState,
} from '../core/operator.js';
import { unavailable } from '../errors/weir-error.js';
import { SinkOutput, sendsOf } from './kafka-sink-records.js';

/** One checkpoint's output of one sink subtask: the list-state item the protocol keeps. */
interface StagedOutput {
  /** The producer that may be committing it: fenced before a restore reads its markers. */
  transactionalId: string;
  /** The marker group of the producer run that staged it. */
  markerGroup: string;
  checkpointId: number;
  records: OutgoingRecord[];
}

/** The markers are offsets of this partition of the sink's topic (it always exists). */
const MARKER_PARTITION = 0;

const transactionalIdOf = (jobId: string, uid: string, subtaskIndex: number) =>
  `weir.${jobId}.${uid}.${subtaskIndex}`;

/** The group whose offset says a later run wrote `item` again (only one run ever does). */
const rewriteGroupOf = (item: StagedOutput) => `${item.markerGroup}.${item.checkpointId}`;

interface Marker {
  group: string;
  offset: number;
}

/**
 * Writes to Kafka exactly once (see "Sinks and their guarantees" in the README). Records wait
 * in checkpoint state and are written only once their checkpoint completes, within the
 * leader's lease, in ONE Kafka transaction that also commits the checkpoint id as the offset
 * of a marker consumer group: output and marker become visible to `read_committed` together,
 * or neither does.
 *
 * Each producer run has a marker group of its own (its transactional id plus a random
 * suffix), which only it moves, always upwards. Staged output is labelled with that group
 * and its checkpoint id; a restore drops what its group's marker shows committed and writes
 * the rest in its first transaction, marking each such item in a rewrite group of its own
 * (`<group>.<checkpoint>`), so a later restore knows that too. Labels never change, so a
 * rescale may deal output to any subtask: it is judged by the markers of the run that staged
 * it. Transactional ids are stable per subtask: the producer a run initialises fences the
 * previous run's (a deposed leader's zombie included: nothing it sends becomes visible, and a
 * commit it had asked for has finished before the markers are read).
 */
export class ExactlyOnceKafkaSink implements Operator {
  private pending: OutgoingRecord[] = [];
  /** Output frozen by each checkpoint, not yet committed; dropped only once committed. */
  private readonly staged = new Map<number, OutgoingRecord[]>();
  /** Output frozen by the final snapshot, after every checkpoint's. */
  private final: OutgoingRecord[] = [];
  /** The newest checkpoint this subtask snapshotted before finishing. */
  private lastCheckpointId = 0;
  /** Restored output: until resolved, possibly committed; then, owed by this run. */
  private restored: StagedOutput[] = [];
  private resolved = true;
  /** Commits run one after another, so this run's marker only rises. */
  private committing: Promise<void> = Promise.resolve();
  private producer: Promise<TransactionalProducer> | null = null;
  private ctx!: OperatorContext;
  private out!: SinkOutput;
  private transactionalId = '';
  private markerGroup = '';

  constructor(
    private readonly config: KafkaSinkConfig,
    private readonly jobId: string,
    private readonly connect: () => KafkaSinkClient,
  ) {}

  open(ctx: OperatorContext): void {
    this.ctx = ctx;
    this.out = new SinkOutput(this.config, ctx, this.connect);
    this.transactionalId = transactionalIdOf(this.jobId, ctx.uid, ctx.subtaskIndex);
    this.markerGroup = `${this.transactionalId}.${randomBytes(6).toString('hex')}`;
    // At once, not at the first commit: initialising the id fences the previous run's producer.
    this.producerReady().catch(() => {}); // a failure is reported by the first commit
  }

  processElement(
    value: unknown,
    _input: number,
    _key: string | undefined,
    _keyGroup: number,
  ): void {
    this.pending.push(...this.out.encoder.encode(value));
  }

  processWatermark(): void {}

  snapshotState(checkpointId: number): OperatorState {
    if (checkpointId === FINAL_SNAPSHOT) this.final = this.pending;
    else {
      if (this.pending.length > 0) this.staged.set(checkpointId, this.pending);
      this.lastCheckpointId = checkpointId;
    }
    this.pending = [];
    return { operator: [...this.restored, ...this.owed()] };
  }

  restoreState(state: OperatorState): void {
    this.restored.push(...((state.operator ?? []) as StagedOutput[]));
    this.resolved = this.restored.length === 0;
  }

  notifyCheckpointComplete(checkpointId: number, mayCommit: () => boolean): Promise<void> {
    this.committing = this.committing.then(async () => {
      await this.resolveRestored();
      const ready = [...this.staged.keys()]
        .filter((id) => id <= checkpointId)
        .sort((a, b) => a - b);
      // A checkpoint newer than every one this subtask snapshotted holds its final state.
      const final = checkpointId > this.lastCheckpointId ? this.final : [];
      const rewrites = this.restored;
      const records = [
        ...rewrites.flatMap((item) => item.records),
        ...ready.flatMap((id) => this.staged.get(id) ?? []),
        ...final,
      ];
      if (records.length === 0) return;
      const markers = [
        { group: this.markerGroup, offset: checkpointId },
        ...rewrites.map((item) => ({ group: rewriteGroupOf(item), offset: item.checkpointId })),
      ];
      if (!(await this.commit(records, markers, mayCommit))) return; // all stays staged
      this.restored = [];
      for (const id of ready) this.staged.delete(id);
      if (final === this.final) this.final = [];
    });
    return this.committing;
  }

  /** Closes the connections (tests; a job's worker ends with its thread). */
  async close(): Promise<void> {
    const producer = await this.producer?.catch(() => null);
    await Promise.allSettled([producer?.close(), this.out.admin.close()]);
  }

  /**
   * One transaction: the records, then the markers, then the commit, asked of the lease right
   * before it. Any error leaves the outcome unknown (the commit may have landed): the producer
   * is dropped and the subtask fails, and the restore that follows reads the markers to know.
   */
  private async commit(
    records: OutgoingRecord[],
    markers: Marker[],
    mayCommit: () => boolean,
  ): Promise<boolean> {
    const producer = await this.producerReady();
    if (!mayCommit()) return false;
    try {
      const toSend = await this.out.partitioned(records);
      await producer.begin();
      for (const send of sendsOf(toSend)) await producer.send(send);
      for (const { group, offset } of markers)
        await producer.sendOffsets(group, this.config.topic, MARKER_PARTITION, offset);
      if (!mayCommit()) {
        await producer.abort();
        return false;
      }
      await producer.commit();
      return true;
    } catch (error) {
      this.producer = null;
      await producer.close().catch(() => {});
      throw unavailable(
        `kafka sink ${this.ctx.uid}: transaction failed, output stays staged`,
        error,
      );
    }
  }

  private producerReady(): Promise<TransactionalProducer> {
    if (!this.producer) {
      const producer = this.out.client.transactionalProducer(
        this.transactionalId,
        this.config.transactionTimeoutMs,
      );
      this.producer = producer.init().then(
        () => producer,
        async (error: unknown) => {
          this.producer = null;
          await producer.close().catch(() => {});
          throw unavailable(`kafka sink ${this.ctx.uid}: cannot initialise its producer`, error);
        },
      );
    }
    return this.producer;
  }

  /**
   * Drops the restored output that was committed; the rest is owed by this run, which is now
   * the producer that may be committing it. Markers are read only once the producers that
   * may still commit to them are fenced: this subtask's own id by its producer, an id no
   * subtask of the current parallelism owns here, and another subtask's id by that subtask
   * when it opened (long before a checkpoint completes).
   */
  private async resolveRestored(): Promise<void> {
    if (this.resolved) return;
    await this.producerReady();
    const orphans = new Set(
      this.restored.map((item) => item.transactionalId).filter((id) => !this.ownedNow(id)),
    );
    for (const id of orphans) {
      const fencer = this.out.client.transactionalProducer(id, this.config.transactionTimeoutMs);
      try {
        await fencer.init();
      } finally {
        await fencer.close().catch(() => {});
      }
    }
    const owed: StagedOutput[] = [];
    for (const item of this.restored)
      if (!(await this.committedBefore(item)))
        owed.push({ ...item, transactionalId: this.transactionalId });
    this.ctx.logger.info(
      {
        uid: this.ctx.uid,
        subtask: this.ctx.subtaskIndex,
        restored: this.restored.map((item) => `${item.markerGroup}@${item.checkpointId}`),
        owed: owed.map((item) => `${item.markerGroup}@${item.checkpointId}`),
      },
      'kafka sink resolved its restored output',
    );
    this.restored = owed.sort((a, b) => a.checkpointId - b.checkpointId);
    this.resolved = true;
  }

  private async committedBefore(item: StagedOutput): Promise<boolean> {
    const { topic } = this.config;
    const marker = await this.out.admin.committedOffset(item.markerGroup, topic, MARKER_PARTITION);
    if (marker !== null && marker >= item.checkpointId) return true;
    return (
      (await this.out.admin.committedOffset(rewriteGroupOf(item), topic, MARKER_PARTITION)) !== null
    );
  }

  /** Whether a subtask of the current parallelism uses transactional id `id`. */
  private ownedNow(id: string): boolean {
    for (let i = 0; i < this.ctx.parallelism; i++)
      if (transactionalIdOf(this.jobId, this.ctx.uid, i) === id) return true;
    return false;
  }

  private owed(): StagedOutput[] {
    const item = (checkpointId: number, records: OutgoingRecord[]): StagedOutput => ({
      transactionalId: this.transactionalId,
      markerGroup: this.markerGroup,
      checkpointId,
      records,
    });
    const staged = [...this.staged.entries()]
      .sort(([a], [b]) => a - b)
      .map(([id, records]) => item(id, records));
    // The final output is written by the first checkpoint after the last one snapshotted.
    if (this.final.length > 0) staged.push(item(this.lastCheckpointId + 1, this.final));
    return staged;
  }
}
