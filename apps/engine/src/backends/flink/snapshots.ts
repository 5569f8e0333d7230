import type {
  CheckpointCounts,
  CheckpointStats,
  Snapshot,
  SnapshotKind,
  SnapshotStatus,
} from '@weir/contract';
import type {
  FlinkCheckpointEntry,
  FlinkCheckpointingStats,
  FlinkCheckpointSubtasks,
} from './flink-schemas.js';

const STATUS: Record<string, SnapshotStatus> = {
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
};

export const snapshotKind = (entry: FlinkCheckpointEntry): SnapshotKind =>
  entry.is_savepoint ? 'SAVEPOINT' : 'CHECKPOINT';

const bytes = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) && value >= 0 ? Math.round(value) : null;

/**
 * One checkpoint or savepoint of Flink's history as Weir's history table shows it. The size is
 * the full state size; what the checkpoint itself wrote (less, when incremental) is in `stats`.
 */
export function snapshot(jobId: string, entry: FlinkCheckpointEntry): Snapshot {
  const status = STATUS[entry.status] ?? 'IN_PROGRESS';
  const done = status !== 'IN_PROGRESS';
  return {
    jobId,
    checkpointId: entry.id,
    kind: snapshotKind(entry),
    status,
    triggeredAt: new Date(entry.trigger_timestamp).toISOString(),
    durationMs:
      done && entry.end_to_end_duration !== undefined && entry.end_to_end_duration >= 0
        ? Math.round(entry.end_to_end_duration)
        : null,
    sizeBytes: status === 'COMPLETED' ? bytes(entry.state_size) : null,
    path: status === 'COMPLETED' ? (entry.external_path ?? null) : null,
    failureReason: status === 'FAILED' ? (entry.failure_message ?? 'no reason given') : null,
    ...(entry.discarded !== undefined && status === 'COMPLETED'
      ? { discarded: entry.discarded }
      : {}),
  };
}

/**
 * Flink's recent history (its newest few, `web.checkpoints.history`) of one kind, newest first.
 * The newest savepoint is kept apart too (`latest.savepoint`): frequent checkpoints push it out
 * of the history within seconds.
 */
export function snapshotHistory(
  jobId: string,
  stats: FlinkCheckpointingStats,
  kind: SnapshotKind,
  limit: number,
): Snapshot[] {
  const entries = new Map(stats.history.map((entry) => [entry.id, entry]));
  const latest = stats.latest?.savepoint;
  if (latest && !entries.has(latest.id)) entries.set(latest.id, latest);
  return [...entries.values()]
    .filter((entry) => snapshotKind(entry) === kind)
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((entry) => snapshot(jobId, entry));
}

/** The completed savepoint written to `location`, once Flink's statistics show it. */
export function savepointAt(
  jobId: string,
  stats: FlinkCheckpointingStats,
  location: string,
): Snapshot | undefined {
  return snapshotHistory(jobId, stats, 'SAVEPOINT', Number.POSITIVE_INFINITY).find(
    (savepoint) => savepoint.status === 'COMPLETED' && savepoint.path === location,
  );
}

export function checkpointCounts(stats: FlinkCheckpointingStats): CheckpointCounts {
  return {
    completed: stats.counts.completed,
    failed: stats.counts.failed,
    inProgress: stats.counts.in_progress,
  };
}

/**
 * Per-subtask statistics of one checkpoint, from each vertex's subtask details. A subtask's
 * acknowledgement time counts from the trigger; `asyncMs` is the slowest subtask's asynchronous
 * part (Flink writes state after the barrier, per subtask, in parallel).
 */
export function checkpointStats(
  entry: FlinkCheckpointEntry,
  vertices: { vertexId: string; details: FlinkCheckpointSubtasks }[],
): CheckpointStats {
  const subtasks = vertices.flatMap(({ vertexId, details }) =>
    details.subtasks
      .filter((subtask) => subtask.ack_timestamp !== undefined && subtask.ack_timestamp > 0)
      .map((subtask) => ({
        vertexId,
        subtaskIndex: subtask.index,
        ackMs: Math.max(0, (subtask.ack_timestamp ?? 0) - entry.trigger_timestamp),
        alignmentMs: Math.max(0, subtask.alignment?.duration ?? 0),
        syncMs: Math.max(0, subtask.checkpoint?.sync ?? 0),
        asyncMs: Math.max(0, subtask.checkpoint?.async ?? 0),
      })),
  );
  const slowest = subtasks.reduce<(typeof subtasks)[number] | null>(
    (worst, subtask) => (worst === null || subtask.ackMs > worst.ackMs ? subtask : worst),
    null,
  );
  return {
    subtasks: subtasks.map(({ asyncMs: _async, ...subtask }) => subtask),
    straggler: slowest
      ? { vertexId: slowest.vertexId, subtaskIndex: slowest.subtaskIndex, ackMs: slowest.ackMs }
      : null,
    asyncMs: Math.max(0, ...subtasks.map((subtask) => subtask.asyncMs)),
    writtenBytes: bytes(entry.checkpointed_size) ?? 0,
  };
}
