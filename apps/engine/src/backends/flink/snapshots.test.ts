import { SnapshotSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import {
  CheckpointEntrySchema,
  CheckpointingStatsSchema,
  CheckpointSubtasksSchema,
} from './flink-schemas.js';
import {
  checkpointCounts,
  checkpointStats,
  savepointAt,
  snapshot,
  snapshotHistory,
} from './snapshots.js';

describe('snapshots', () => {
  const stats = CheckpointingStatsSchema.parse(flinkFixture('checkpoints'));

  it('lists the history newest first, completed checkpoints with their path', () => {
    const list = snapshotHistory(FIXTURE_IDS.job, stats, 'CHECKPOINT', 3);
    expect(list.map((cp) => cp.checkpointId)).toEqual([11, 10, 9]);
    for (const cp of list) expect(SnapshotSchema.parse(cp)).toEqual(cp);
    expect(list[0]).toEqual({
      jobId: FIXTURE_IDS.job,
      checkpointId: 11,
      kind: 'CHECKPOINT',
      status: 'COMPLETED',
      triggeredAt: new Date(1796442674241).toISOString(),
      durationMs: 53,
      sizeBytes: 152956,
      path: `file:/tmp/weir-flink-zt1uKz/checkpoints/${FIXTURE_IDS.job}/chk-11`,
      failureReason: null,
      discarded: false,
    });
    // Subsumed by newer ones: Flink deleted its files.
    expect(list[1]?.discarded).toBe(true);
    expect(snapshotHistory(FIXTURE_IDS.job, stats, 'SAVEPOINT', 10)).toEqual([]);
  });

  it('lists the latest savepoint even once checkpoints pushed it out of the history', () => {
    const raw = flinkFixture('checkpoints-restored');
    const location = 'file:/tmp/weir-flink-lrPaUf/savepoints/savepoint-34cc9b-13c60ab0140f';
    const jobId = '34cc9bc68c7d8718cb00a80a39d1b085';
    const inHistory = CheckpointingStatsSchema.parse(raw);
    const pushedOut = CheckpointingStatsSchema.parse({
      ...raw,
      history: raw.history.filter((entry: { is_savepoint: boolean }) => !entry.is_savepoint),
    });
    for (const stats of [inHistory, pushedOut]) {
      expect(snapshotHistory(jobId, stats, 'SAVEPOINT', 10).map((sp) => sp.checkpointId)).toEqual([
        369,
      ]);
      expect(savepointAt(jobId, stats, location)).toMatchObject({
        checkpointId: 369,
        kind: 'SAVEPOINT',
        status: 'COMPLETED',
        path: location,
      });
    }
    expect(savepointAt(jobId, inHistory, 'file:/elsewhere')).toBeUndefined();
  });

  it('maps failed and in-progress entries', () => {
    const base = stats.history[0];
    if (!base) throw new Error('fixture has no history');
    const failed = snapshot(FIXTURE_IDS.job, {
      ...base,
      status: 'FAILED',
      failure_message: 'Checkpoint expired before completing.',
    });
    expect(failed).toMatchObject({
      status: 'FAILED',
      path: null,
      sizeBytes: null,
      failureReason: 'Checkpoint expired before completing.',
    });
    expect(failed.discarded).toBeUndefined();
    expect(
      snapshot(FIXTURE_IDS.job, { ...base, status: 'IN_PROGRESS', is_savepoint: true }),
    ).toMatchObject({
      kind: 'SAVEPOINT',
      status: 'IN_PROGRESS',
      durationMs: null,
      path: null,
    });
  });

  it('counts completed, failed and in-progress checkpoints', () => {
    expect(checkpointCounts(stats)).toEqual({ completed: 11, failed: 0, inProgress: 0 });
  });

  it('gives per-subtask statistics and the straggler', () => {
    const details = CheckpointSubtasksSchema.parse(flinkFixture('checkpoint-subtasks'));
    const entry = CheckpointEntrySchema.parse({
      ...flinkFixture('checkpoint-details'),
      id: details.id,
      trigger_timestamp: 1796442740653,
      checkpointed_size: 169354,
    });
    const result = checkpointStats(entry, [{ vertexId: FIXTURE_IDS.window, details }]);
    expect(result).toEqual({
      subtasks: [
        { vertexId: FIXTURE_IDS.window, subtaskIndex: 0, ackMs: 32, alignmentMs: 5, syncMs: 0 },
        { vertexId: FIXTURE_IDS.window, subtaskIndex: 1, ackMs: 32, alignmentMs: 2, syncMs: 0 },
      ],
      straggler: { vertexId: FIXTURE_IDS.window, subtaskIndex: 0, ackMs: 32 },
      asyncMs: 12,
      writtenBytes: 169354,
    });
    expect(checkpointStats(entry, [])).toMatchObject({ subtasks: [], straggler: null, asyncMs: 0 });
  });
});
