import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedClickJob, datagenOf } from '../testing/bounded-click-job.js';
import {
  differenceOfFile,
  NO_DIFFERENCE,
  referenceWindowCounts,
} from '../testing/click-reference.js';
import {
  type EngineProcess,
  jobFinishedOn,
  killEngine,
  startEngineProcess,
} from '../testing/engine-process.js';
import { createTestDatabase } from '../testing/test-database.js';
import { waitFor } from '../testing/wait-for.js';
import { METADATA_FILE } from './checkpoint/storage/paths.js';

/**
 * The walking skeleton end to end: the built engine against a real PostgreSQL, killed with
 * SIGKILL mid-run and started again, must finish with exactly the failure-free window counts.
 */
describe('engine recovery against PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  const running: EngineProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'weir-recovery-'));
  });

  afterAll(async () => {
    for (const engine of running) await killEngine(engine);
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('checkpoints to disk and database, survives repeated SIGKILL, and finishes with the reference counts', async () => {
    const resultsFile = path.join(dir, 'results.jsonl');
    // ~6 s of throttled input with a checkpoint every 300 ms: the kills land mid-run.
    const spec = boundedClickJob({
      count: 120_000,
      ratePerSecond: 20_000,
      throttle: true,
      resultsFile,
      checkpointIntervalMs: 300,
      // Two subtasks per vertex: restarts exercise barrier alignment, split and key-group
      // assignment across slots, and workers that start at different moments.
      parallelism: 2,
    });
    const specFile = path.join(dir, 'job.json');
    await writeFile(specFile, JSON.stringify(spec));
    const env = {
      DATABASE_URL: db.url,
      WEIR_DATA_DIR: path.join(dir, 'data'),
      WEIR_JOB_SPEC: specFile,
      WEIR_FILE_SINK_ROOT: dir,
    };

    const first = await startEngineProcess(env);
    running.push(first);
    const completed = await waitFor('two completed checkpoints in the API', async () => {
      const rows = await first.api.checkpoints.list.query({ jobId: spec.id, limit: 100 });
      const done = rows.filter((r) => r.status === 'COMPLETED');
      return done.length >= 2 ? done : null;
    });
    for (const row of completed) {
      expect(row.path).toBeTruthy();
      expect(await readdir(row.path as string)).toContain(METADATA_FILE);
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "Snapshot" WHERE "jobId" = $1 AND status = 'COMPLETED'`,
        [spec.id],
      );
      expect(rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await client.end();
    }
    await killEngine(first, 'SIGKILL');

    // Kill again and again at varying points: after 1 to 3 further completed checkpoints.
    let lastCompleted = Math.max(...completed.map((r) => r.checkpointId));
    let seed = 7;
    const nextWait = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return 1 + (seed % 3);
    };
    for (let kill = 0; kill < 4; kill++) {
      const engine = await startEngineProcess(env);
      running.push(engine);
      const target = lastCompleted + nextWait();
      const reached = await waitFor(`checkpoint ${target} after restart ${kill + 1}`, async () => {
        const [job, rows] = await Promise.all([
          engine.api.jobs.get.query({ jobId: spec.id }),
          engine.api.checkpoints.list.query({ jobId: spec.id, limit: 5 }),
        ]);
        if (job.status === 'FINISHED') return { finished: true, id: lastCompleted };
        const newest = rows.find((r) => r.status === 'COMPLETED' && r.checkpointId >= target);
        return newest ? { finished: false, id: newest.checkpointId } : null;
      });
      await killEngine(engine, 'SIGKILL');
      if (reached.finished) break;
      lastCompleted = reached.id;
    }

    const last = await startEngineProcess(env);
    running.push(last);
    const finished = await jobFinishedOn(last, spec.id, 'the restarted engine');
    expect(finished.restoredFrom).toMatch(/chk-\d+$/);

    expect(
      await differenceOfFile(referenceWindowCounts(datagenOf(spec), 10_000), resultsFile),
    ).toEqual(NO_DIFFERENCE);

    const history = await last.api.checkpoints.list.query({ jobId: spec.id, limit: 1000 });
    const ids = history.map((r) => r.checkpointId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
