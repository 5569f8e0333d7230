import type { JobSpec, SnapshotKind } from '@weir/contract';
import type { DeadLetterBatch } from './dead-letter-batch.js';
import type { OperatorState, PartitionLag } from './operator.js';

/**
 * A piece of serialised keyed state (see `SerialisedEntry`) as a subtask sends it: its bytes
 * under a new id, or just the id of a piece its previous report of the operator held, which
 * the job master keeps. A piece an operator keeps across snapshots (a window's keys) so
 * crosses threads once.
 */
export type SentPiece = number | [id: number, bytes: Uint8Array];

/**
 * Operator state as a subtask reports it: keyed state serialised in the worker. `keyed` holds
 * the key groups that changed since this subtask's previous report of the operator;
 * `unchanged` names those whose pieces are as it sent them then (the job master keeps those:
 * see `SentStateMirror`), so a checkpoint moves and hashes only what changed.
 */
export interface SentOperatorState {
  keyed: Array<[keyGroup: number, pieces: SentPiece[]]>;
  unchanged: number[];
  operator: unknown[];
}

/**
 * What flows between subtasks on a channel, in order. Data batches consume one credit of the
 * channel; watermarks, barriers and end-of-input ride in the same ordered stream for free.
 */
export type ChannelEvent =
  | { t: 'data'; ch: number; values: unknown[]; keys: Array<string | undefined>; groups: number[] }
  | { t: 'watermark'; ch: number; watermark: number }
  | { t: 'idle'; ch: number }
  | { t: 'barrier'; ch: number; checkpointId: number; kind: SnapshotKind }
  | { t: 'end'; ch: number }
  /** Receiver -> sender: `n` more batches may be sent on channel `ch`. */
  | { t: 'credit'; ch: number; n: number };

/** One end of a channel, as the job master describes it to the worker that owns it. */
export interface ChannelEnd {
  id: number;
  /** Worker slot at the other end; equal to the own slot for an in-worker channel. */
  peerSlot: number;
}

export interface SubtaskAssignment {
  vertexId: string;
  subtaskIndex: number;
  parallelism: number;
  /** Uids of the chained operators, head first. */
  chain: string[];
  /** Inputs grouped per operator input index of the chain head (edges in spec order). */
  inputs: Array<{ input: number; channels: ChannelEnd[] }>;
  /** Per outgoing vertex edge: its partitioning and one channel per downstream subtask. */
  outputs: Array<{
    fromOperator: string;
    sideOutput: string | undefined;
    partitioning: 'forward' | 'hash' | 'rebalance' | 'broadcast';
    keyField: string | undefined;
    targetInput: number;
    channels: ChannelEnd[];
  }>;
  /** Restored state per chained operator uid. */
  state: Record<string, OperatorState>;
  /** Finished in the restored snapshot: ends its outputs at once, runs nothing (FLIP-147). */
  finished: boolean;
}

export interface WorkerInit {
  slot: number;
  spec: JobSpec;
  subtasks: SubtaskAssignment[];
  /** Initial credits per channel (batches in flight). */
  credits: number;
  batchSize: number;
  operatorsDir: string | null;
}

export interface SubtaskMetrics {
  vertexId: string;
  subtaskIndex: number;
  recordsIn: number;
  recordsOut: number;
  /** Cumulative milliseconds, as Flink's accumulated busy/backpressured/idle time. */
  busyMs: number;
  backpressuredMs: number;
  idleMs: number;
  watermark: number;
  /** Batches waiting to be processed across input channels, and their capacity. */
  inputQueue: number;
  inputCapacity: number;
  /** Batches waiting for credit across output channels, and their capacity. */
  outputQueue: number;
  outputCapacity: number;
  deadLetters: number;
  /** A partitioned source's lag per partition it reads (absent for other subtasks). */
  partitionLag?: PartitionLag[];
}

/** Job master -> worker. */
export type ControlMessage =
  | { t: 'start' }
  /**
   * Take checkpoint/savepoint `checkpointId`. With `stop`, sources emit nothing after its
   * barrier (stop-with-savepoint); with `stop.drain` they first advance event time to the end,
   * so every window fires and its output is part of the savepoint.
   */
  | { t: 'trigger'; checkpointId: number; kind: SnapshotKind; stop?: { drain: boolean } }
  /** Checkpoint `checkpointId` committed: sinks may commit it while the lease holds. */
  | { t: 'complete'; checkpointId: number; leaseUntilMs: number }
  | { t: 'abort'; checkpointId: number }
  /**
   * The run ends: stop driving the subtasks and close every operator (connections released,
   * nothing committed), then report `closed`. The worker is terminated after that, or after a
   * bounded wait (`STOP_GRACE_MS`) if its operators do not close in time.
   */
  | { t: 'stop' };

/** Worker -> job master. */
export type WorkerReport =
  | {
      t: 'ack';
      checkpointId: number;
      vertexId: string;
      subtaskIndex: number;
      states: Record<string, SentOperatorState>;
      positions: Record<string, number>;
      /** Dead letters since the previous barrier: they belong to this checkpoint. */
      deadLetters: DeadLetterBatch | null;
      alignmentMs: number;
      syncMs: number;
    }
  | { t: 'metrics'; at: number; subtasks: SubtaskMetrics[]; recent: unknown[] }
  /**
   * The subtask ended its outputs for good. Its final state and source positions acknowledge
   * every checkpoint it has not acknowledged (FLIP-147).
   */
  | {
      t: 'finished';
      vertexId: string;
      subtaskIndex: number;
      states: Record<string, SentOperatorState>;
      positions: Record<string, number>;
      deadLetters: DeadLetterBatch | null;
    }
  /** A source subtask that cannot take this checkpoint (it stopped): fail it now, not at timeout. */
  | { t: 'decline'; checkpointId: number; vertexId: string; subtaskIndex: number }
  /** Every subtask of the slot has handled `complete` for this checkpoint (sinks committed). */
  /**
   * The slot's operators were told checkpoint `checkpointId` completed. With `leaseEnded`,
   * some sink found the lease over and wrote nothing: it waits for a fresh one.
   */
  | { t: 'notified'; checkpointId: number; leaseEnded: boolean }
  | { t: 'failed'; vertexId: string; subtaskIndex: number; message: string; stack: string | null }
  | { t: 'ready' }
  /** After `stop`: every operator of the slot has closed (or failed to). */
  | { t: 'closed' };
