import { randomBytes } from 'node:crypto';
import type { JobSpec, JobStatus, SnapshotKind } from '@weir/shared';
import { isCheckpointDue } from '../checkpoint/coordinator.js';
import type { SnapshotPaths } from '../checkpoint/paths.js';
import type { SnapshotHistory } from '../checkpoint/snapshot-history.js';
import { type LoadedSnapshot, pruneCheckpoints, writeSnapshot } from '../checkpoint/storage.js';
import type { Logger } from '../logging/logger.js';
import { createOperator } from '../operators/registry.js';
import { DeadLetterStore } from './dead-letters.js';
import { type JobGraphPlan, planJobGraph } from './job-graph.js';
import { JobStatusMachine } from './job-status.js';
import { isSource, type OperatorState, type SourceOperator } from './operator.js';
import { OperatorNode } from './operator-node.js';

export interface JobRunnerDeps {
  paths: SnapshotPaths;
  history: SnapshotHistory;
  logger: Logger;
  now: () => number;
  onStatusChange?: (status: JobStatus) => void;
  onSnapshotCompleted?: (snapshot: CompletedSnapshot) => void;
  onSnapshotFailed?: (kind: SnapshotKind) => void;
}

export interface CompletedSnapshot {
  checkpointId: number;
  kind: SnapshotKind;
  path: string;
  triggeredAt: Date;
  durationMs: number;
  sizeBytes: number;
}

export interface JobException {
  at: string;
  message: string;
  stack: string | null;
}

/** Records one source emits before the loop yields, so checkpoints and API calls get a turn. */
const BATCH_SIZE = 1024;
/** Longest idle wait, so a savepoint request on a slow source is served promptly. */
const MAX_IDLE_WAIT_MS = 50;

/**
 * Runs one job in this process: pulls batches from sources, pushes them through the operator
 * graph, and takes checkpoints between batches. Everything between two batches happens on one
 * thread, so every barrier is aligned by construction; state is copied synchronously and
 * written asynchronously while processing continues.
 */
export class JobRunner {
  readonly plan: JobGraphPlan;
  readonly nodes: OperatorNode[];
  readonly deadLetters = new DeadLetterStore();
  readonly exceptions: JobException[] = [];
  startedAt: Date | null = null;
  restoredFrom: string | null = null;
  lastCompleted: CompletedSnapshot | null = null;

  private readonly machine: JobStatusMachine;
  private readonly sources: Array<{ node: OperatorNode; source: SourceOperator }>;
  private nextCheckpointId = 1;
  private lastTriggeredAtMs: number | null = null;
  private runStartedAtMs = 0;
  private readonly inFlight = new Map<number, Promise<unknown>>();
  private readonly savepointRequests: Array<{
    resolve: (s: CompletedSnapshot) => void;
    reject: (e: Error) => void;
  }> = [];
  private timer: { cancel(): void } | null = null;
  private terminated!: Promise<void>;
  private resolveTerminated!: () => void;

  constructor(
    readonly spec: JobSpec,
    private readonly deps: JobRunnerDeps,
  ) {
    this.plan = planJobGraph(spec);
    this.machine = new JobStatusMachine((from, to) => {
      deps.logger.info({ job: spec.id, from, to }, 'job status changed');
      deps.onStatusChange?.(to);
    });
    const byUid = new Map<string, OperatorNode>();
    this.nodes = this.plan.order.map((opSpec) => {
      const node = new OperatorNode(
        opSpec,
        createOperator(opSpec, deps.now),
        this.plan.vertexOf.get(opSpec.uid) as string,
      );
      byUid.set(opSpec.uid, node);
      return node;
    });
    for (const edge of spec.edges) {
      (byUid.get(edge.from) as OperatorNode).connectTo(
        byUid.get(edge.to) as OperatorNode,
        edge.partitioning === 'hash' ? edge.keyField : undefined,
        spec.maxParallelism,
      );
    }
    this.sources = this.nodes.flatMap((node) =>
      isSource(node.operator) ? [{ node, source: node.operator }] : [],
    );
    this.terminated = new Promise((resolve) => {
      this.resolveTerminated = resolve;
    });
  }

  get status(): JobStatus {
    return this.machine.status;
  }

  /** Resolves when the job reaches a terminal state. */
  whenTerminated(): Promise<void> {
    return this.terminated;
  }

  start(options: { restore: LoadedSnapshot | null; firstCheckpointId: number }): void {
    this.nextCheckpointId = options.firstCheckpointId;
    for (const node of this.nodes) {
      node.operator.open({
        uid: node.spec.uid,
        subtaskIndex: 0,
        parallelism: 1,
        maxParallelism: this.spec.maxParallelism,
        output: node,
        sideOutput: () => {},
        now: this.deps.now,
        registerProcessingTimer: () => {},
        deadLetter: (record, reason) =>
          this.deadLetters.add(
            node.vertexId,
            node.spec.uid,
            record,
            reason,
            new Date(this.deps.now()),
          ),
        logger: this.deps.logger.child({
          job: this.spec.id,
          vertex: node.vertexId,
          operator: node.spec.uid,
        }),
      });
    }
    if (options.restore) this.restoreFrom(options.restore);
    this.startedAt = new Date(this.deps.now());
    this.runStartedAtMs = this.deps.now();
    this.machine.transition('RUNNING');
    this.schedule(0);
  }

  private restoreFrom(snapshot: LoadedSnapshot): void {
    const known = new Set(this.nodes.map((node) => node.spec.uid));
    const orphaned = [...snapshot.states.keys()].filter((uid) => !known.has(uid));
    if (orphaned.length > 0) {
      throw new Error(
        `snapshot ${snapshot.dir} has state for operators not in the job: ${orphaned.join(', ')}`,
      );
    }
    for (const node of this.nodes) {
      if (snapshot.states.has(node.spec.uid))
        node.operator.restoreState(snapshot.states.get(node.spec.uid) as OperatorState);
    }
    this.restoredFrom = snapshot.dir;
    this.deps.logger.info(
      { job: this.spec.id, snapshot: snapshot.dir, checkpoint: snapshot.manifest.checkpointId },
      'restored state',
    );
  }

  /** Takes a savepoint at the next batch boundary; resolves once it is durable. */
  requestSavepoint(): Promise<CompletedSnapshot> {
    if (this.status !== 'RUNNING')
      return Promise.reject(new Error(`job is ${this.status}, not RUNNING`));
    return new Promise((resolve, reject) => {
      this.savepointRequests.push({ resolve, reject });
      this.schedule(0);
    });
  }

  async cancel(): Promise<void> {
    if (this.status !== 'RUNNING') return;
    this.machine.transition('CANCELLING');
    this.clearTimer();
    await Promise.allSettled(this.inFlight.values());
    this.rejectSavepoints(new Error('job was cancelled'));
    this.machine.transition('CANCELED');
    this.resolveTerminated();
  }

  /** setImmediate when busy (setTimeout(0) would idle ~1 ms per batch), a timer when idle. */
  private schedule(delayMs: number): void {
    this.clearTimer();
    if (delayMs === 0) {
      const handle = setImmediate(this.tick);
      this.timer = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(this.tick, delayMs);
      this.timer = { cancel: () => clearTimeout(handle) };
    }
  }

  private clearTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private readonly tick = (): void => {
    this.timer = null;
    if (this.status !== 'RUNNING') return;
    try {
      const now = this.deps.now();
      let emitted = 0;
      let finished = true;
      let nextDue = MAX_IDLE_WAIT_MS;
      for (const { node, source } of this.sources) {
        const result = source.poll(BATCH_SIZE, now);
        emitted += result.emitted;
        finished &&= result.finished;
        if (!result.finished && result.emitted === 0)
          nextDue = Math.min(nextDue, result.nextDueInMs);
        node.advanceSourceWatermark(source.currentWatermark());
      }
      this.snapshotIfDue(now);
      if (finished) {
        void this.finish();
        return;
      }
      // Yield between batches so I/O callbacks (checkpoint writes, API calls) interleave.
      this.schedule(emitted > 0 ? 0 : Math.max(1, nextDue));
    } catch (error) {
      void this.fail(error as Error);
    }
  };

  private snapshotIfDue(now: number): void {
    const due = isCheckpointDue({
      nowMs: now,
      intervalMs: this.spec.checkpointing.intervalMs,
      lastTriggeredAtMs: this.lastTriggeredAtMs,
      runStartedAtMs: this.runStartedAtMs,
      inFlight: this.inFlight.size,
      maxConcurrent: 1,
    });
    if (due) this.snapshot('CHECKPOINT', now);
    const requests = this.savepointRequests.splice(0);
    if (requests.length > 0) {
      // Requests that arrived in the same turn share one savepoint; each caller gets its result.
      this.snapshot('SAVEPOINT', now).then(
        (done) => {
          for (const request of requests) request.resolve(done);
        },
        (error: Error) => {
          for (const request of requests) request.reject(error);
        },
      );
    }
  }

  /** Synchronous copy of every operator's state at this cut, then asynchronous durable write. */
  private snapshot(kind: SnapshotKind, nowMs: number): Promise<CompletedSnapshot> {
    const checkpointId = this.nextCheckpointId++;
    if (kind === 'CHECKPOINT') this.lastTriggeredAtMs = nowMs;
    const triggeredAt = new Date(nowMs);
    const operators = this.nodes.map((node) => ({
      uid: node.spec.uid,
      kind: node.spec.kind,
      parallelism: this.spec.parallelism,
      keyGroupRanges: [[0, this.spec.maxParallelism - 1]] as Array<[number, number]>,
      state: node.operator.snapshotState(checkpointId),
    }));
    const sourcePositions = Object.fromEntries(
      this.sources.flatMap(({ node, source }) =>
        Object.entries(source.positions()).map(([split, offset]) => [
          `${node.spec.uid}/${split}`,
          offset,
        ]),
      ),
    );
    const dir =
      kind === 'CHECKPOINT'
        ? this.deps.paths.checkpoint(this.spec.id, checkpointId)
        : this.deps.paths.savepoint(this.spec.id, checkpointId, randomBytes(3).toString('hex'));
    const log = this.deps.logger.child({ job: this.spec.id, checkpoint: checkpointId, kind });
    const work = (async () => {
      await this.deps.history.recordTriggered({
        jobId: this.spec.id,
        checkpointId,
        kind,
        triggeredAt,
      });
      try {
        const { sizeBytes } = await writeSnapshot(dir, {
          jobId: this.spec.id,
          checkpointId,
          kind,
          maxParallelism: this.spec.maxParallelism,
          operators,
          sourcePositions,
        });
        const done: CompletedSnapshot = {
          checkpointId,
          kind,
          path: dir,
          triggeredAt,
          durationMs: this.deps.now() - nowMs,
          sizeBytes,
        };
        await this.deps.history.recordCompleted({
          jobId: this.spec.id,
          kind,
          checkpointId,
          completedAt: new Date(this.deps.now()),
          durationMs: done.durationMs,
          sizeBytes,
          path: dir,
        });
        for (const node of this.nodes) await node.operator.notifyCheckpointComplete?.(checkpointId);
        if (kind === 'CHECKPOINT') {
          this.lastCompleted = done;
          await pruneCheckpoints(
            this.deps.paths.checkpointsOf(this.spec.id),
            this.spec.checkpointing.retained,
            new Set(this.inFlight.keys()),
          );
        }
        log.info({ durationMs: done.durationMs, sizeBytes }, 'snapshot completed');
        this.deps.onSnapshotCompleted?.(done);
        return done;
      } catch (error) {
        log.error({ err: error }, 'snapshot failed');
        this.deps.onSnapshotFailed?.(kind);
        await this.deps.history.recordFailed({
          jobId: this.spec.id,
          kind,
          checkpointId,
          reason: (error as Error).message,
        });
        throw error;
      }
    })();
    this.inFlight.set(checkpointId, work);
    void work.finally(() => this.inFlight.delete(checkpointId)).catch(() => {});
    return work;
  }

  private async finish(): Promise<void> {
    await Promise.allSettled(this.inFlight.values());
    for (const node of this.nodes) await node.operator.endInput?.();
    this.rejectSavepoints(new Error('job finished'));
    this.machine.transition('FINISHED');
    this.resolveTerminated();
  }

  private async fail(error: Error): Promise<void> {
    this.exceptions.push({
      at: new Date(this.deps.now()).toISOString(),
      message: error.message,
      stack: error.stack ?? null,
    });
    this.deps.logger.error({ job: this.spec.id, err: error }, 'job failed');
    this.machine.transition('FAILING');
    this.clearTimer();
    await Promise.allSettled(this.inFlight.values());
    this.rejectSavepoints(error);
    this.machine.transition('FAILED');
    this.resolveTerminated();
  }

  private rejectSavepoints(error: Error): void {
    for (const request of this.savepointRequests.splice(0)) request.reject(error);
  }
}
