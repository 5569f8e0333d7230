import type { SnapshotKind } from '@weir/contract';
import type {
  SentOperatorState,
  SubtaskAssignment,
  SubtaskMetrics,
  WorkerReport,
} from '../../core/messages.js';
import {
  FINAL_SNAPSHOT,
  isSource,
  MAX_WATERMARK,
  MIN_WATERMARK,
  type Operator,
  type SourceOperator,
} from '../../core/operator.js';
import type { Logger } from '../../logging/logger.js';
import { StateSerialiser } from '../../state/state-serialiser.js';
import { BarrierAlignment } from './barrier-alignment.js';
import { combinedWatermark } from './combined-watermark.js';
import type { InputChannel } from './input-channel.js';
import { type ChainedOperator, openChain } from './operator-chain.js';
import type { Partitioner } from './partitioner.js';
import { SourceIdleness } from './source-idleness.js';
import { SubtaskDeadLetters } from './subtask-dead-letters.js';
import { PhaseClock } from './subtask-metrics.js';
import { SubtaskOutputs } from './subtask-outputs.js';
import type { Transport } from './transport.js';

/** A chained operator with what serialises its snapshots (see `StateSerialiser`). */
interface SnapshottedOperator extends ChainedOperator {
  serialiser: StateSerialiser;
}

export interface SubtaskDeps {
  assignment: SubtaskAssignment;
  chain: ChainedOperator[];
  inputs: InputChannel[];
  partitioners: Partitioner[];
  maxParallelism: number;
  batchSize: number;
  /** Batches each input channel grants its sender up front. */
  credits: number;
  deadLetterLimitPerMinute: number | undefined;
  sourceIdleTimeoutMs: number | undefined;
  transport: Transport;
  report: (report: WorkerReport) => void;
  logger: Logger;
  now: () => number;
}

/** Input batches one step may take before other subtasks of the worker get a turn. */
const BATCHES_PER_STEP = 4;

/**
 * One parallel instance of a vertex: its chain of operators, its input channels and its
 * partitioners. Aligns barriers across inputs (BarrierAlignment), combines input watermarks and
 * keeps Flink-style busy/backpressured/idle accounting. Runs on its worker's single thread.
 */
export class Subtask {
  readonly vertexId: string;
  readonly subtaskIndex: number;
  recordsIn = 0;
  recordsOut = 0;
  watermark = MIN_WATERMARK;
  status: 'running' | 'stopped' | 'finishing' | 'finished' = 'running';
  readonly clock: PhaseClock;
  private readonly source: SourceOperator | null;
  private readonly pendingTriggers: Array<{
    checkpointId: number;
    kind: SnapshotKind;
    stop: { drain: boolean } | undefined;
  }> = [];
  private readonly alignment: BarrierAlignment;
  private nextInput = 0;
  private timers: number[] = [];
  private readonly idleness: SourceIdleness;
  private readonly deadLetters: SubtaskDeadLetters;
  private readonly outputs: SubtaskOutputs;
  nextSourceDueMs = 0;
  private readonly snapshotted: SnapshottedOperator[];

  constructor(private readonly deps: SubtaskDeps) {
    this.vertexId = deps.assignment.vertexId;
    this.subtaskIndex = deps.assignment.subtaskIndex;
    this.clock = new PhaseClock(deps.now);
    this.deadLetters = new SubtaskDeadLetters(
      { vertexId: this.vertexId, subtaskIndex: this.subtaskIndex },
      deps.deadLetterLimitPerMinute,
      deps.now,
    );
    this.outputs = new SubtaskOutputs(deps.partitioners);
    this.idleness = new SourceIdleness(deps.sourceIdleTimeoutMs, this.outputs);
    this.snapshotted = deps.chain.map((link) => ({
      ...link,
      serialiser: new StateSerialiser(link.operator),
    }));
    const head = deps.chain[0]?.operator;
    this.source = head && isSource(head) ? head : null;
    this.alignment = new BarrierAlignment(deps.inputs, deps.now, (id, kind, startedAt) =>
      this.snapshotAndForward(id, kind, startedAt),
    );
  }

  /** Opens every chained operator with its context and restores its state. */
  open(): void {
    this.idleness.reset(this.deps.now());
    const { chain, assignment } = this.deps;
    openChain(chain, {
      subtaskIndex: assignment.subtaskIndex,
      parallelism: assignment.parallelism,
      maxParallelism: this.deps.maxParallelism,
      emitDownstream: (value, sideOutput) => this.emitDownstream(value, sideOutput),
      deadLetter: (uid, record, reason) => this.deadLetters.add(uid, record, reason),
      contextFor: (uid) => ({
        logger: this.deps.logger.child({
          vertex: this.vertexId,
          subtask: this.subtaskIndex,
          operator: uid,
        }),
        now: this.deps.now,
        registerProcessingTimer: (time) => this.registerTimer(time),
      }),
    });
    for (const { spec, operator } of chain) {
      const restored = assignment.state[spec.uid];
      if (restored) operator.restoreState(restored);
    }
    // It finished before the restored snapshot, as did everything upstream: nothing to redo.
    if (assignment.finished) this.endOutputs();
  }

  private emitDownstream(value: unknown, sideOutput: string | undefined): void {
    if (sideOutput === undefined) this.recordsOut += 1;
    this.outputs.route(value, sideOutput);
  }

  private registerTimer(time: number): void {
    this.timers.push(time);
    this.timers.sort((a, b) => a - b);
  }

  get nextTimer(): number | null {
    return this.timers[0] ?? null;
  }

  get operators(): Operator[] {
    return this.deps.chain.map((link) => link.operator);
  }

  triggerCheckpoint(checkpointId: number, kind: SnapshotKind, stop?: { drain: boolean }): void {
    if (!this.source) return;
    if (this.status === 'running') this.pendingTriggers.push({ checkpointId, kind, stop });
    // A stopped source sends nothing more, barriers included. A finishing or finished one
    // acknowledges with its final state instead (see `endOutputs`).
    else if (this.status === 'stopped')
      this.deps.report({
        t: 'decline',
        checkpointId,
        vertexId: this.vertexId,
        subtaskIndex: this.subtaskIndex,
      });
  }

  /**
   * Does a bounded amount of work; returns whether anything happened. An exception from any
   * chained operator fails this subtask (and so the job, through its restart strategy).
   */
  step(): boolean {
    if (this.status !== 'running') return false;
    try {
      return this.work();
    } catch (error) {
      this.fail(error as Error);
      return false;
    }
  }

  private work(): boolean {
    const now = this.deps.now();
    let progressed = this.fireTimers(now);
    if (this.outputs.blocked) {
      this.clock.enter('backpressured');
      return progressed;
    }
    this.clock.enter('busy');
    progressed = (this.source ? this.stepSource(now) : this.stepInputs()) || progressed;
    this.clock.enter(this.outputs.blocked ? 'backpressured' : 'idle');
    return progressed;
  }

  private fireTimers(now: number): boolean {
    let fired = false;
    while (this.timers.length > 0 && (this.timers[0] as number) <= now) {
      this.timers.shift();
      for (const { operator } of this.deps.chain) operator.onProcessingTime?.(now);
      fired = true;
    }
    return fired;
  }

  private stepSource(now: number): boolean {
    const source = this.source as SourceOperator;
    for (const trigger of this.pendingTriggers.splice(0)) {
      if (trigger.stop?.drain) this.advanceWatermark(MAX_WATERMARK);
      this.snapshotAndForward(trigger.checkpointId, trigger.kind, now);
      if (trigger.stop) {
        // Stopped for good: the job master ends the run once the savepoint is durable.
        this.status = 'stopped';
        return true;
      }
    }
    const result = source.poll(this.deps.batchSize, now);
    this.idleness.track(result.emitted, now, this.watermark);
    this.advanceWatermark(source.currentWatermark());
    if (result.finished) {
      this.finish();
      return true;
    }
    this.nextSourceDueMs = result.emitted > 0 ? 0 : now + result.nextDueInMs;
    return result.emitted > 0;
  }

  private stepInputs(): boolean {
    const inputs = this.deps.inputs;
    let taken = 0;
    for (let scanned = 0; scanned < inputs.length && taken < BATCHES_PER_STEP; ) {
      const channel = inputs[this.nextInput] as InputChannel;
      if (channel.blocked || !channel.hasEvents) {
        this.nextInput = (this.nextInput + 1) % inputs.length;
        scanned += 1;
        continue;
      }
      this.handle(channel);
      taken += 1;
      if (this.outputs.blocked || this.status !== 'running') break;
    }
    return taken > 0;
  }

  private handle(channel: InputChannel): void {
    const event = channel.take();
    if (!event) return;
    switch (event.t) {
      case 'data': {
        const head = (this.deps.chain[0] as ChainedOperator).operator;
        const { values, keys, groups } = event;
        for (let i = 0; i < values.length; i++)
          head.processElement(values[i], channel.input, keys[i], groups[i] as number);
        this.recordsIn += values.length;
        this.deps.transport.send(channel.peerSlot, { t: 'credit', ch: channel.id, n: 1 });
        return;
      }
      case 'watermark':
        channel.idle = false;
        channel.watermark = Math.max(channel.watermark, event.watermark);
        this.combineWatermarks();
        return;
      case 'idle':
        channel.idle = true;
        this.combineWatermarks();
        return;
      case 'barrier':
        this.alignment.onBarrier(channel, event.checkpointId, event.kind);
        return;
      case 'end':
        channel.ended = true;
        channel.blocked = false;
        this.combineWatermarks();
        this.alignment.onEnd();
        if (this.deps.inputs.every((input) => input.ended)) this.finish();
        return;
    }
  }

  private combineWatermarks(): void {
    const combined = combinedWatermark(this.deps.inputs);
    if (combined !== null) this.advanceWatermark(combined);
  }

  private advanceWatermark(watermark: number): void {
    if (watermark <= this.watermark) return;
    this.watermark = watermark;
    const chain = this.deps.chain;
    // A source's own watermark is where event time starts; the operators after it react.
    for (let i = this.source ? 1 : 0; i < chain.length; i++)
      (chain[i] as ChainedOperator).operator.processWatermark(watermark);
    this.outputs.watermark(watermark);
  }

  /** The barrier has passed every input: copy state now, then let the barrier go on. */
  private snapshotAndForward(
    checkpointId: number,
    kind: SnapshotKind,
    alignmentStartedAt: number,
  ): void {
    const started = this.deps.now();
    const states = this.snapshotStates(checkpointId);
    const syncMs = this.deps.now() - started;
    this.deps.report({
      t: 'ack',
      checkpointId,
      vertexId: this.vertexId,
      subtaskIndex: this.subtaskIndex,
      states,
      positions: this.source ? this.source.positions() : {},
      deadLetters: this.deadLetters.seal(checkpointId),
      alignmentMs: started - alignmentStartedAt,
      syncMs,
    });
    this.outputs.barrier(checkpointId, kind);
  }

  private snapshotStates(checkpointId: number): Record<string, SentOperatorState> {
    const states: Record<string, SentOperatorState> = {};
    for (const { spec, serialiser } of this.snapshotted)
      states[spec.uid] = serialiser.snapshot(checkpointId);
    return states;
  }

  private finish(): void {
    this.status = 'finishing';
    this.advanceWatermark(MAX_WATERMARK);
    void (async () => {
      for (const { operator } of this.deps.chain) await operator.endInput?.();
      this.endOutputs();
    })().catch((error: Error) => this.fail(error));
  }

  /**
   * Ends every output for good and reports the final state: whatever this subtask sent is
   * downstream ahead of the end, so that state stands for it in every later checkpoint.
   */
  private endOutputs(): void {
    const states = this.snapshotStates(FINAL_SNAPSHOT);
    this.outputs.end();
    this.status = 'finished';
    this.deps.report({
      t: 'finished',
      vertexId: this.vertexId,
      subtaskIndex: this.subtaskIndex,
      states,
      positions: this.source ? this.source.positions() : {},
      deadLetters: this.deadLetters.seal(FINAL_SNAPSHOT),
    });
  }

  fail(error: Error): void {
    this.status = 'finished';
    // A wrapped error ("kafka sink out: cannot initialise its producer") says why by its causes.
    let message = error.message;
    for (let cause = error.cause, depth = 0; cause instanceof Error && depth < 5; depth++) {
      if (!message.includes(cause.message)) message = `${message}: ${cause.message}`;
      cause = cause.cause;
    }
    this.deps.report({
      t: 'failed',
      vertexId: this.vertexId,
      subtaskIndex: this.subtaskIndex,
      message,
      stack: error.stack ?? null,
    });
  }

  async notifyCheckpointComplete(checkpointId: number, mayCommit: () => boolean): Promise<void> {
    for (const { operator } of this.deps.chain)
      await operator.notifyCheckpointComplete?.(checkpointId, mayCommit);
  }

  flushOutputs(): void {
    this.outputs.flush();
  }

  metrics(): SubtaskMetrics {
    this.clock.settle();
    let inputQueue = 0;
    for (const input of this.deps.inputs) inputQueue += input.queuedBatches;
    const output = this.outputs.queue();
    return {
      vertexId: this.vertexId,
      subtaskIndex: this.subtaskIndex,
      recordsIn: this.recordsIn,
      recordsOut: this.recordsOut,
      busyMs: this.clock.totals.busy,
      backpressuredMs: this.clock.totals.backpressured,
      idleMs: this.clock.totals.idle,
      watermark: this.watermark,
      inputQueue,
      // Each input channel holds at most the credits granted to its sender.
      inputCapacity: this.deps.inputs.length * this.deps.credits,
      outputQueue: output.queued,
      outputCapacity: output.channels * 2,
      deadLetters: this.deadLetters.count,
      partitionLag: this.source?.lag?.(),
    };
  }
}
