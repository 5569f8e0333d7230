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
 * Unsent records of the open transaction's epoch that make a send worth starting: sends wait
 * for one another (one request in flight), so each should carry a fair number.
 */
const STREAM_RECORDS = 2_000;

/** Whose records the open transaction holds: one epoch only, the oldest not committed. */
type Epoch = { staged: number } | 'final' | 'pending';

const sameEpoch = (a: Epoch, b: Epoch) =>
  typeof a === 'object' && typeof b === 'object' ? a.staged === b.staged : a === b;

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
 *
 * Records are not all sent when their checkpoint completes, which made a transaction's sends
 * (one after another) the sink's bottleneck: they are streamed into the open transaction as
 * they come, as long as that transaction holds nothing but the oldest output not committed
 * (its `epoch`): records of a later checkpoint wait until it commits. So the transaction a
 * completed checkpoint commits never holds output of a checkpoint after it, and its commit is
 * the same single transaction as before, mostly sent already. Nothing changes for a crash:
 * until the commit nothing is visible, the output stays in checkpoint state until committed,
 * and the producer the next run initialises aborts the open transaction (streaming starts only
 * once restored output is resolved, so a restore's rewrites go first).
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
  /** The epoch the open transaction holds records of, and how many (its leading ones). */
  private txEpoch: Epoch | null = null;
  private txSent = 0;
  /** A send streamed into the transaction is queued on `committing`. */
  private streamQueued = false;
  /** A streamed send failed: the next commit fails the subtask, as its own failure would. */
  private streamFailure: Error | null = null;
  /** Set by `close`: no transaction may commit after it. */
  private closed = false;
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
    // Checked per record, so cheaply: only pending output streams from here.
    if (
      !this.streamQueued &&
      this.pending.length - (this.txEpoch === 'pending' ? this.txSent : 0) >= STREAM_RECORDS &&
      this.staged.size === 0 &&
      this.final.length === 0 &&
      this.restored.length === 0 &&
      this.resolved
    )
      this.queueStream();
  }

  processWatermark(): void {}

  snapshotState(checkpointId: number): OperatorState {
    if (checkpointId === FINAL_SNAPSHOT) this.final = this.pending;
    else {
      if (this.pending.length > 0) this.staged.set(checkpointId, this.pending);
      this.lastCheckpointId = checkpointId;
    }
    // What the transaction holds of the pending records is now this checkpoint's.
    if (this.txEpoch === 'pending' && this.pending.length > 0)
      this.txEpoch = checkpointId === FINAL_SNAPSHOT ? 'final' : { staged: checkpointId };
    this.pending = [];
    // The rest of the oldest output can go into the transaction while the checkpoint completes.
    this.queueStream();
    return { operator: [...this.restored, ...this.owed()] };
  }

  restoreState(state: OperatorState): void {
    this.restored.push(...((state.operator ?? []) as StagedOutput[]));
    this.resolved = this.restored.length === 0;
  }

  notifyCheckpointComplete(checkpointId: number, mayCommit: () => boolean): Promise<void> {
    this.committing = this.committing.then(async () => {
      if (this.closed) return; // all stays staged, for the run that restores it
      if (this.streamFailure) throw this.transactionFailed(this.streamFailure);
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
      // Never true (the transaction's epoch is the oldest output not committed, so it is in
      // `records`); if it were, committing would show output of a checkpoint not complete.
      if (this.txEpoch !== null && !this.covers(checkpointId)) await this.abortOpen();
      const markers = [
        { group: this.markerGroup, offset: checkpointId },
        ...rewrites.map((item) => ({ group: rewriteGroupOf(item), offset: item.checkpointId })),
      ];
      if (!(await this.commit(records, markers, mayCommit))) return; // all stays staged
      this.restored = [];
      for (const id of ready) this.staged.delete(id);
      if (final === this.final) this.final = [];
    });
    const committed = this.committing;
    // Output that waited for this commit (the next checkpoint's, so far) can stream now.
    this.queueStream();
    return committed;
  }

  /**
   * The subtask's failure when a transaction fails: the cause's words go in the message, since
   * the exceptions history keeps messages only (a refused password names its field there).
   */
  private transactionFailed(cause: unknown): Error {
    const why = cause instanceof Error ? cause.message : String(cause);
    return unavailable(
      `kafka sink ${this.ctx.uid}: transaction failed, output stays staged: ${why}`,
      cause,
    );
  }

  /** Whether the records the open transaction holds are output of `checkpointId` or before. */
  private covers(checkpointId: number): boolean {
    const epoch = this.txEpoch;
    if (epoch === null) return true;
    if (epoch === 'pending') return false;
    if (epoch === 'final') return checkpointId > this.lastCheckpointId;
    return epoch.staged <= checkpointId;
  }

  /** The oldest output not committed, which alone may be streamed, and its epoch. */
  private oldest(): { epoch: Epoch; records: OutgoingRecord[] } {
    if (this.staged.size > 0) {
      const id = Math.min(...this.staged.keys());
      return { epoch: { staged: id }, records: this.staged.get(id) ?? [] };
    }
    if (this.final.length > 0) return { epoch: 'final', records: this.final };
    return { epoch: 'pending', records: this.pending };
  }

  /** After what is queued already; a chain a failed commit broke stays broken, as before. */
  private queueStream(): void {
    if (this.streamQueued || this.closed) return;
    this.streamQueued = true;
    this.committing = this.committing.then(() => {
      this.streamQueued = false;
      return this.stream();
    });
  }

  /**
   * Sends what the open transaction's epoch has unsent, opening the transaction if need be.
   * Not before restored output is resolved and rewritten: a restore's first transaction is
   * its rewrites' (see `notifyCheckpointComplete`). A failure drops the producer and fails
   * the next commit (the subtask then restarts from its checkpoint).
   */
  private async stream(): Promise<void> {
    if (!this.worthStreaming()) return;
    let producer: TransactionalProducer | null = null;
    try {
      producer = await this.producerReady();
      if (this.txEpoch === null) {
        if (!this.worthStreaming()) return;
        await producer.begin();
        // Taken after every wait: a snapshot meanwhile may have made pending output staged.
        this.txEpoch = this.oldest().epoch;
      }
      if (!this.worthStreaming()) return;
      const unsent = this.oldest().records.slice(this.txSent);
      // A snapshot during these sends makes their records staged, `txEpoch` along with them.
      for (const send of sendsOf(await this.out.partitioned(unsent))) {
        if (this.closed) return; // close aborts the transaction
        await producer.send(send);
        this.txSent += send.length;
      }
    } catch (error) {
      this.streamFailure = error as Error;
      this.txEpoch = null;
      this.txSent = 0;
      this.producer = null;
      await producer?.close().catch(() => {});
      this.ctx.logger.warn(
        { err: (error as Error).message, uid: this.ctx.uid },
        'kafka sink: a send into the transaction failed; the next commit fails',
      );
    }
  }

  /** Whether the oldest output has enough unsent to stream, into a transaction holding it. */
  private worthStreaming(): boolean {
    if (this.closed || this.streamFailure || !this.resolved || this.restored.length > 0)
      return false;
    const { epoch, records } = this.oldest();
    if (this.txEpoch !== null && !sameEpoch(this.txEpoch, epoch)) return false;
    return records.length - this.txSent >= (epoch === 'pending' ? STREAM_RECORDS : 1);
  }

  /** Aborts the open transaction: what it held is staged still, and is sent again. */
  private async abortOpen(): Promise<void> {
    this.txEpoch = null;
    this.txSent = 0;
    const producer = await this.producerReady();
    await producer.abort();
  }

  /**
   * Closes the connections when the run ends (cancel, finish, failover, lost leadership).
   * Never commits: from here on no transaction commits (a commit under way aborts at its
   * last check instead), so a deposed leader's close makes nothing visible. What stays staged
   * is in checkpoint state, for whichever run restores it.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.committing.catch(() => {});
    const producer = await this.producer?.catch(() => null);
    await producer?.abort().catch(() => {});
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
    if (this.closed || !mayCommit()) return false;
    // The transaction's leading records, streamed already (the oldest output comes first).
    const open = this.txEpoch !== null;
    const sent = this.txSent;
    this.txEpoch = null;
    this.txSent = 0;
    try {
      const toSend = await this.out.partitioned(records.slice(sent));
      if (!open) await producer.begin();
      for (const send of sendsOf(toSend)) await producer.send(send);
      for (const { group, offset } of markers)
        await producer.sendOffsets(group, this.config.topic, MARKER_PARTITION, offset);
      if (this.closed || !mayCommit()) {
        await producer.abort();
        return false;
      }
      await producer.commit();
      return true;
    } catch (error) {
      this.producer = null;
      await producer.close().catch(() => {});
      throw this.transactionFailed(error);
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
