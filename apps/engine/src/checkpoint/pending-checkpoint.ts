import type { CheckpointStats, JobSpec, SnapshotKind } from '@weir/contract';
import type { DeadLetterBatch } from '../core/dead-letter-batch.js';
import type { JobGraphPlan } from '../core/job-graph.js';
import { keyGroupRange } from '../core/key-groups.js';
import type { WorkerReport } from '../core/messages.js';
import { mergeSubtaskStates } from '../state/state-assignment.js';
import type { ReceivedOperatorState } from './sent-state-mirror.js';
import type { SnapshotContent } from './storage/storage.js';

/**
 * An acknowledgement with its states made whole (`SentStateMirror`); `finished`: the final
 * state of a subtask that finished (FLIP-147).
 */
export type SubtaskAck = Omit<
  Extract<WorkerReport, { t: 'ack' }>,
  't' | 'checkpointId' | 'states'
> & {
  states: Record<string, ReceivedOperatorState>;
  finished?: boolean;
};

/**
 * A triggered checkpoint collecting acknowledgements. It completes when every subtask has
 * acknowledged exactly once; the statistics (per-subtask ack time, alignment, sync) stay with
 * it for the history and the straggler view.
 */
export class PendingCheckpoint {
  private readonly acks = new Map<string, SubtaskAck & { ackedAtMs: number }>();

  constructor(
    readonly checkpointId: number,
    readonly kind: SnapshotKind,
    readonly triggeredAtMs: number,
    private readonly expectedAcks: number,
  ) {}

  /** Records an ack; returns true once all subtasks have acknowledged. */
  acknowledge(ack: SubtaskAck, nowMs: number): boolean {
    this.acks.set(`${ack.vertexId}/${ack.subtaskIndex}`, { ...ack, ackedAtMs: nowMs });
    return this.acks.size === this.expectedAcks;
  }

  /** Every subtask acknowledged with the state it finished with: the job's final checkpoint. */
  get coversFinalStates(): boolean {
    return [...this.acks.values()].every((ack) => ack.finished === true);
  }

  hasAck(vertexId: string, subtaskIndex: number): boolean {
    return this.acks.has(`${vertexId}/${subtaskIndex}`);
  }

  /** The subtask that acknowledged last: where to look when checkpoints are slow. */
  get straggler(): { vertexId: string; subtaskIndex: number; ackMs: number } | null {
    let last: (SubtaskAck & { ackedAtMs: number }) | null = null;
    for (const ack of this.acks.values()) if (!last || ack.ackedAtMs > last.ackedAtMs) last = ack;
    return last
      ? {
          vertexId: last.vertexId,
          subtaskIndex: last.subtaskIndex,
          ackMs: last.ackedAtMs - this.triggeredAtMs,
        }
      : null;
  }

  /** The statistics of this checkpoint once written (`asyncMs` after the last ack). */
  stats(asyncMs: number, writtenBytes: number): CheckpointStats {
    const subtasks = [...this.acks.values()]
      .map((ack) => ({
        vertexId: ack.vertexId,
        subtaskIndex: ack.subtaskIndex,
        ackMs: ack.ackedAtMs - this.triggeredAtMs,
        alignmentMs: ack.alignmentMs,
        syncMs: ack.syncMs,
      }))
      .sort((a, b) => a.vertexId.localeCompare(b.vertexId) || a.subtaskIndex - b.subtaskIndex);
    return { subtasks, straggler: this.straggler, asyncMs, writtenBytes };
  }

  /** The dead letters its acks carry (a finished subtask's final ones among them). */
  deadLetters(): DeadLetterBatch[] {
    return [...this.acks.values()].flatMap((ack) => (ack.deadLetters ? [ack.deadLetters] : []));
  }

  content(spec: JobSpec, plan: JobGraphPlan, deadLetters: DeadLetterBatch[]): SnapshotContent {
    const operators: SnapshotContent['operators'] = [];
    const sourcePositions: Record<string, number> = {};
    for (const vertex of plan.vertices) {
      const acks = Array.from({ length: vertex.parallelism }, (_, i) =>
        this.acks.get(`${vertex.id}/${i}`),
      );
      for (const op of vertex.operators) {
        operators.push({
          uid: op.uid,
          kind: op.kind,
          parallelism: vertex.parallelism,
          keyGroupRanges: acks.map((_, i) =>
            keyGroupRange(i, vertex.parallelism, spec.maxParallelism),
          ),
          state: {
            ...mergeSubtaskStates(acks.map((ack) => ack?.states[op.uid] ?? {})),
            finishedSubtasks: acks.flatMap((ack, i) => (ack?.finished ? [i] : [])),
          },
        });
      }
      const head = vertex.operators[0]?.uid as string;
      for (const ack of acks) {
        for (const [split, offset] of Object.entries(ack?.positions ?? {}))
          sourcePositions[`${head}/${split}`] = offset;
      }
    }
    return {
      jobId: spec.id,
      checkpointId: this.checkpointId,
      kind: this.kind,
      maxParallelism: spec.maxParallelism,
      operators,
      sourcePositions,
      deadLetters,
    };
  }
}
