import { stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../testing/bounded-click-job.js';
import { foldedResultsOf, referenceWindowCounts } from '../testing/click-reference.js';
import { haEnvironment } from '../testing/ha-environment.js';
import { waitFor } from '../testing/wait-for.js';
import { readCheckpointPointers } from '../testing/zk-pointers.js';

const SESSION_TIMEOUT_MS = 4000;

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
    await waitFor('a checkpoint pointer by the first leader', async () =>
      (await readCheckpointPointers(env.zk.connectString, spec.id)).some(
        (p) => p.instanceId === old.id,
      ),
    );

    cluster.freeze(old.id);
    const successor = await cluster.waitForLeader({ not: old.id });
    await waitFor('a checkpoint pointer by the new leader', async () =>
      (await readCheckpointPointers(env.zk.connectString, spec.id)).some(
        (p) => p.instanceId === successor.id,
      ),
    );

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
    // A row may still land for the successor's newest checkpoint (its insert can be on the
    // wire when it is frozen), but only for a checkpoint it committed in ZooKeeper: none of
    // the old leader's.
    const committed = new Set(before.pointers.map((p) => p.checkpointId));
    const added = (await completedIds(spec.id)).filter((id) => !before.completed.includes(id));
    expect(added.filter((id) => !committed.has(id))).toEqual([]);
    expect(await fileSize(resultsFile)).toBe(before.output);
    expect(oldLogsSinceThaw()).not.toMatch(/snapshot completed/);
    cluster.thaw(successor.id);

    const finished = await waitFor(
      'the job to finish on the new leader',
      async () => {
        const job = await successor.engine.api.jobs.get.query({ jobId: spec.id });
        return job.status === 'FINISHED' ? job : null;
      },
      120_000,
      200,
    );
    expect(finished.status).toBe('FINISHED');
    const pointers = await readCheckpointPointers(env.zk.connectString, spec.id).catch(() => []);
    // A finished job's pointers are removed with its graph; any left must be the successor's.
    for (const pointer of pointers) expect(pointer.instanceId).toBe(successor.id);
    expect(await foldedResultsOf(resultsFile)).toEqual(
      referenceWindowCounts(datagenOf(spec), 10_000),
    );
  }, 240_000);
});
