import { stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../../testing/click-reference.js';
import { jobFinishedOn } from '../../testing/engine-process.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { waitFor } from '../../testing/wait-for.js';
import { pointerWrittenBy, readCheckpointPointers } from '../../testing/zk-pointers.js';
import { checkpointIdOf } from '../checkpoint/storage/paths.js';

const SESSION_TIMEOUT_MS = 4000;

/** The checkpoint ids of the "snapshot completed" lines in an engine's JSON log. */
const completedCheckpointsIn = (log: string): number[] =>
  log
    .split('\n')
    .filter((line) => line.includes('"msg":"snapshot completed"'))
    .map((line) => (JSON.parse(line) as { checkpoint: number }).checkpoint);

const fileSize = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => 0,
  );

/**
 * Issue 5's fencing test: the leader is frozen (SIGSTOP) until its ZooKeeper session expires
 * and a standby takes over, then thawed. The deposed leader must write no checkpoint pointer,
 * complete no checkpoint and produce no output after losing leadership. The new leader is
 * frozen while the old one wakes, so anything written meanwhile could only be the old one's.
 * The freeze lands at any point of the old leader's commit path, often right after a commit
 * (it follows the sight of a new pointer): a checkpoint it committed before the freeze may
 * still be recorded after the thaw, but its sinks must not write it (their lease is over).
 */
describe('fencing a deposed leader', () => {
  const env = haEnvironment('weir-fence-');

  async function completedIds(jobId: string): Promise<number[]> {
    const client = new pg.Client({ connectionString: env.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT "checkpointId" FROM "Snapshot" WHERE "jobId" = $1 AND status = 'COMPLETED'`,
        [jobId],
      );
      return rows.map((row) => row.checkpointId as number);
    } finally {
      await client.end();
    }
  }

  it('a leader frozen past its session commits nothing and writes nothing once thawed', async () => {
    const resultsFile = path.join(env.dir, 'results.jsonl');
    const spec = boundedClickJob({
      count: 150_000,
      ratePerSecond: 10_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 200,
    });
    const cluster = await env.startCluster(spec, SESSION_TIMEOUT_MS);
    const old = await cluster.waitForLeader();
    await pointerWrittenBy(env.zk.connectString, spec.id, old.id, 'the first leader');

    cluster.freeze(old.id);
    const successor = await cluster.waitForLeader({ not: old.id });
    await pointerWrittenBy(env.zk.connectString, spec.id, successor.id, 'the new leader');

    // Checkpoint ids come from one counter in ZooKeeper and the successor took over from the
    // newest pointer, so this is the last checkpoint the old leader committed while it led.
    const { restoredFrom } = await successor.engine.api.jobs.get.query({ jobId: spec.id });
    const lastCommittedByOld = checkpointIdOf(path.basename(restoredFrom ?? ''));
    expect(lastCommittedByOld).not.toBeNull();
    const newerThanOldsLast = (ids: number[]) => ids.filter((id) => id > (lastCommittedByOld ?? 0));

    cluster.freeze(successor.id);
    const before = {
      pointers: await readCheckpointPointers(env.zk.connectString, spec.id),
      completed: await completedIds(spec.id),
      output: await fileSize(resultsFile),
      logLines: old.engine.logs.length,
    };
    cluster.thaw(old.id);
    const oldLogsSinceThaw = () => old.engine.logs.slice(before.logLines).join('\n');
    await waitFor(
      'the thawed leader to learn it lost leadership and stop its job',
      async () =>
        /lost leadership/.test(oldLogsSinceThaw()) && /"to":"SUSPENDED"/.test(oldLogsSinceThaw()),
    );
    expect(await readCheckpointPointers(env.zk.connectString, spec.id)).toEqual(before.pointers);
    // Rows may still land for checkpoints committed before the freeze: the old leader's last
    // one (its history write can be under way when it is frozen), and the successor's newest
    // (likewise). None for a checkpoint that was not committed in ZooKeeper.
    const committed = new Set(before.pointers.map((p) => p.checkpointId));
    const added = (await completedIds(spec.id)).filter((id) => !before.completed.includes(id));
    expect(newerThanOldsLast(added.filter((id) => !committed.has(id)))).toEqual([]);
    expect(await fileSize(resultsFile)).toBe(before.output);
    // Its sinks are told before any other wait, within a lease that a freeze outlasts; a log
    // line may still be written after the thaw for its last commit, but for no newer one.
    expect(newerThanOldsLast(completedCheckpointsIn(oldLogsSinceThaw()))).toEqual([]);
    cluster.thaw(successor.id);

    const finished = await jobFinishedOn(successor.engine, spec.id, 'the new leader');
    expect(finished.status).toBe('FINISHED');
    const pointers = await readCheckpointPointers(env.zk.connectString, spec.id).catch(() => []);
    // A finished job's pointers are removed with its graph; any left must be the successor's.
    for (const pointer of pointers) expect(pointer.instanceId).toBe(successor.id);
    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);
  }, 240_000);
});
