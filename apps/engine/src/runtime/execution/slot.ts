import type { MessagePort } from 'node:worker_threads';
import { pino } from 'pino';
import { SinkLease } from '../../core/leader-lease.js';
import type {
  ChannelEvent,
  ControlMessage,
  WorkerInit,
  WorkerReport,
} from '../../core/messages.js';
import type { Operator } from '../../core/operator.js';
import type { CustomOperators } from '../../operators/custom/load-custom-operators.js';
import { createOperator } from '../../operators/registry.js';
import { InputChannel } from './input-channel.js';
import { OutputChannel } from './output-channel.js';
import { Partitioner } from './partitioner.js';
import { Subtask } from './subtask.js';
import { Transport } from './transport.js';

/** Longest a turn runs before yielding to the event loop (messages, timers). */
const TURN_BUDGET_MS = 20;
const RECENT_RESULTS_SHIPPED = 50;

interface RecentSource {
  recent(limit: number): unknown[];
}
const hasRecent = (op: object): op is RecentSource =>
  typeof (op as Partial<RecentSource>).recent === 'function';

/**
 * Everything one worker thread runs: subtask i of every vertex (like a Flink slot shared by
 * all operators). Drives the subtasks in turns, moves channel events, and reports to the
 * job master.
 */
export class Slot {
  private readonly subtasks: Subtask[] = [];
  private readonly inputs = new Map<number, InputChannel>();
  private readonly outputs = new Map<number, OutputChannel>();
  private readonly transport: Transport;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  /**
   * Peers start at their own pace and may send before this slot got `start`: their events
   * queue in the input channels, but no subtask may run before its operators are open and
   * restored (a source would find no splits and finish; a window would count records that
   * restoring its state then overwrites).
   */
  private started = false;
  private stopped = false;
  private closing: Promise<void> | null = null;
  private readonly metricsTimer: NodeJS.Timeout;
  /**
   * Whether a report has shown records flowing yet: the first is sent at once rather than at
   * the next tick, so a restored job is seen processing (and failover timed) to the turn.
   */
  private flowReported = false;

  constructor(
    private readonly init: WorkerInit,
    ports: Map<number, MessagePort>,
    private readonly report: (report: WorkerReport) => void,
    customOperators: CustomOperators,
    private readonly now: () => number = Date.now,
  ) {
    this.transport = new Transport(init.slot, ports, (event) => this.deliver(event));
    const logger = pino({
      level: process.env.WEIR_LOG_LEVEL ?? 'info',
      base: { service: 'weir-engine', job: init.spec.id, slot: init.slot },
    });
    const byUid = new Map(init.spec.operators.map((op) => [op.uid, op]));
    // A finishing subtask's last counts must reach the master before the workers are gone.
    const reportFromSubtask = (r: WorkerReport) => {
      if (r.t === 'finished') this.reportMetrics();
      report(r);
    };
    for (const assignment of init.subtasks) {
      const inputs = assignment.inputs.flatMap(({ input, channels }) =>
        channels.map((end) => {
          const channel = new InputChannel(end.id, end.peerSlot, input);
          this.inputs.set(end.id, channel);
          return channel;
        }),
      );
      const partitioners = assignment.outputs.map((edge) => {
        const channels = edge.channels.map((end) => {
          const channel = new OutputChannel(
            end.id,
            end.peerSlot,
            init.credits,
            init.batchSize,
            this.transport,
          );
          this.outputs.set(end.id, channel);
          return channel;
        });
        return new Partitioner(edge, channels, assignment.subtaskIndex, init.spec.maxParallelism);
      });
      const chain = assignment.chain.map((uid) => {
        const spec = byUid.get(uid);
        if (!spec) throw new Error(`no operator ${uid} in the job spec`);
        return {
          spec,
          operator: createOperator(spec, {
            now,
            customOperators,
            job: { id: init.spec.id, checkpointIntervalMs: init.spec.checkpointing.intervalMs },
          }),
        };
      });
      this.subtasks.push(
        new Subtask({
          assignment,
          chain,
          inputs,
          partitioners,
          maxParallelism: init.spec.maxParallelism,
          batchSize: init.batchSize,
          credits: init.credits,
          deadLetterLimitPerMinute: init.spec.deadLetterLimitPerMinute,
          sourceIdleTimeoutMs: init.spec.sourceIdleTimeoutMs,
          transport: this.transport,
          report: reportFromSubtask,
          logger,
          now,
        }),
      );
    }
    this.metricsTimer = setInterval(() => this.reportMetrics(), 1000);
  }

  start(): void {
    for (const subtask of this.subtasks) subtask.open();
    this.started = true;
    this.schedule();
  }

  private deliver(event: ChannelEvent): void {
    if (event.t === 'credit') this.outputs.get(event.ch)?.grant(event.n);
    else this.inputs.get(event.ch)?.push(event);
    this.schedule();
  }

  control(message: ControlMessage): void {
    switch (message.t) {
      case 'trigger':
        for (const subtask of this.subtasks)
          subtask.triggerCheckpoint(message.checkpointId, message.kind, message.stop);
        this.schedule();
        return;
      case 'complete': {
        const { checkpointId } = message;
        const lease = new SinkLease(message.leaseUntilMs);
        // Once the slot stops (the run ends: cancelled, or this instance lost leadership), no
        // sink may commit any more, whatever the lease says: closing never commits.
        const mayCommit = () => !this.stopped && lease.mayCommit();
        Promise.all(
          this.subtasks.map((subtask) =>
            subtask
              .notifyCheckpointComplete(checkpointId, mayCommit)
              .catch((error: Error) => subtask.fail(error)),
          ),
        ).then(
          () => this.report({ t: 'notified', checkpointId, leaseEnded: lease.refused }),
          () => {},
        );
        return;
      }
      case 'stop':
        void this.stop().then(() => this.report({ t: 'closed' }));
        return;
      default:
        return;
    }
  }

  private schedule(): void {
    if (this.scheduled || !this.started || this.stopped) return;
    this.scheduled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    if (this.stopped) return;
    const started = this.now();
    let progressed = false;
    try {
      let again = true;
      while (again && this.now() - started < TURN_BUDGET_MS) {
        again = false;
        for (const subtask of this.subtasks) again = subtask.step() || again;
        progressed ||= again;
        // Ship sealed batches and returned credit now, not at the end of the turn: a peer
        // waiting for either would otherwise sit idle for the rest of this turn.
        this.transport.flush();
      }
      for (const subtask of this.subtasks) subtask.flushOutputs();
      this.transport.flush();
    } catch (error) {
      // Operator errors are caught per subtask; this is the slot's own machinery failing.
      const e = error as Error;
      this.report({
        t: 'failed',
        vertexId: `slot-${this.init.slot}`,
        subtaskIndex: -1,
        message: e.message,
        stack: e.stack ?? null,
      });
      void this.stop();
      return;
    }
    if (!this.flowReported && this.subtasks.some((s) => s.recordsOut > 0)) {
      this.flowReported = true;
      this.reportMetrics();
    }
    if (progressed) {
      this.schedule();
      return;
    }
    this.sleepUntilDue();
  }

  /** Nothing to do: wake for the next source record or timer, or when a message arrives. */
  private sleepUntilDue(): void {
    let wake = Number.POSITIVE_INFINITY;
    for (const subtask of this.subtasks) {
      if (subtask.status !== 'running') continue;
      if (subtask.nextSourceDueMs > 0) wake = Math.min(wake, subtask.nextSourceDueMs);
      const timer = subtask.nextTimer;
      if (timer !== null) wake = Math.min(wake, timer);
    }
    if (wake === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => this.schedule(), Math.max(1, Math.min(wake - this.now(), 1000)));
  }

  private reportMetrics(): void {
    const recent: unknown[] = [];
    for (const op of this.recentSinks()) recent.push(...op.recent(RECENT_RESULTS_SHIPPED));
    this.report({
      t: 'metrics',
      at: this.now(),
      subtasks: this.subtasks.map((s) => s.metrics()),
      recent,
    });
  }

  private recentSinks(): RecentSource[] {
    return this.subtasks.flatMap((s) =>
      s.operators.filter((op): op is Operator & RecentSource => hasRecent(op)),
    );
  }

  /**
   * Stops driving the subtasks and closes every operator (their connections: Kafka readers
   * leave their groups, producers disconnect). Resolves once all have closed, failed or not;
   * the master terminates the thread then, or after a bounded wait. One close, whoever asks.
   */
  stop(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    this.stopped = true;
    clearInterval(this.metricsTimer);
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled(
      this.subtasks.flatMap((s) => s.operators).map(async (op) => op.close?.()),
    );
  }
}
