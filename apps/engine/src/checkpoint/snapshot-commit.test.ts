import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monotonicMs } from '../core/leader-lease.js';
import { type CheckpointHa, CommitOutcomeUnknownError } from './checkpoint-ha.js';
import { commitAsLeader } from './snapshot-commit.js';

/**
 * A coordination service that answers as told: commits, confirms with a lease, refuses, or
 * loses the answer.
 */
function haThat(answers: {
  commits: boolean | 'unknown' | 'never';
  leaseUntilMs: () => number;
}): CheckpointHa {
  return {
    nextCheckpointId: async () => 1,
    commit: async (_kind, checkpointId) => {
      if (answers.commits === 'never') return new Promise<void>(() => {});
      if (answers.commits === 'unknown')
        throw new CommitOutcomeUnknownError(checkpointId, new Error('CONNECTION_LOSS'));
      if (!answers.commits) throw new Error('not the leader');
    },
    confirmLeading: async () => answers.leaseUntilMs(),
    recover: async () => ({ snapshot: null, skipped: [], highestSeenId: 0 }),
    recoverableIds: async () => null,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-commit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const commit = (ha: CheckpointHa) =>
  commitAsLeader(
    { ha, logger: pino({ level: 'silent' }), jobId: 'job', answerWithinMs: 200 },
    { kind: 'CHECKPOINT', checkpointId: 4, dir: path.join(dir, 'chk-4'), retained: 3 },
  );

describe('commitAsLeader', () => {
  it('commits within the lease the confirmation gave', async () => {
    const until = monotonicMs() + 60_000;
    expect(await commit(haThat({ commits: true, leaseUntilMs: () => until }))).toEqual({
      outcome: 'committed',
      leaseUntilMs: until,
    });
  });

  it('counts a confirmation that came back after its lease ended as deposed', async () => {
    // What a leader paused while waiting for the answer sees once it runs again.
    const ended = () => monotonicMs() - 1;
    expect(await commit(haThat({ commits: true, leaseUntilMs: ended }))).toEqual({
      outcome: 'deposed',
    });
  });

  it('deletes the files of a snapshot whose commit is refused', async () => {
    await mkdir(path.join(dir, 'chk-4'));
    const refused = haThat({ commits: false, leaseUntilMs: () => Number.POSITIVE_INFINITY });
    expect(await commit(refused)).toEqual({ outcome: 'refused' });
    await expect(stat(path.join(dir, 'chk-4'))).rejects.toThrow(/ENOENT/);
  });

  it('keeps the files of a snapshot whose commit may have happened, but commits no sink', async () => {
    await mkdir(path.join(dir, 'chk-4'));
    const lost = haThat({ commits: 'unknown', leaseUntilMs: () => Number.POSITIVE_INFINITY });
    expect(await commit(lost)).toEqual({ outcome: 'refused' });
    expect((await stat(path.join(dir, 'chk-4'))).isDirectory()).toBe(true);
  });

  it('counts a commit that is never answered as unknown once its time is up', async () => {
    await mkdir(path.join(dir, 'chk-4'));
    const silent = haThat({ commits: 'never', leaseUntilMs: () => Number.POSITIVE_INFINITY });
    expect(await commit(silent)).toEqual({ outcome: 'refused' });
    expect((await stat(path.join(dir, 'chk-4'))).isDirectory()).toBe(true);
  });
});
