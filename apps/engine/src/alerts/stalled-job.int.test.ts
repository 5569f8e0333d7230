import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sampleJobSpec } from '@weir/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryHistory } from '../../testing/memory-history.js';
import { memoryTimeline } from '../../testing/memory-job-events.js';
import { singleInstance } from '../../testing/single-instance.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { EmbeddedBackend } from '../backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from '../checkpoint/storage/paths.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { createStore, type Store } from '../db/store.js';
import { AlertEvaluator } from './evaluator.js';

const MINUTE = 60_000;

/**
 * A real running job whose checkpoints never complete (its interval is far longer than the
 * test), watched by the default "no checkpoint for 10 minutes" rule on a clock the test moves.
 */
describe('a job whose checkpoints stall', () => {
  let dir: string;
  let backend: EmbeddedBackend;
  let db: Database;
  let drop: () => Promise<void>;
  let store: Store;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'weir-stall-'));
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    store = createStore(db.prisma);
    backend = new EmbeddedBackend({
      clusterId: 'test',
      ...singleInstance(createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp'))),
      paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
      history: new MemoryHistory(),
      jobs: { upsertJob: async () => ({}), setJobStatus: async () => ({}) },
      logger: pino({ level: 'silent' }),
      now: Date.now,
      timeline: memoryTimeline(),
      fileSinkRoot: dir,
      secretsDir: dir,
    });
    await backend.submit(
      sampleJobSpec({ ratePerSecond: 1000, seed: 1, checkpointIntervalMs: 24 * 60 * MINUTE }),
    );
  });
  afterAll(async () => {
    await backend?.close();
    await db?.close();
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('fires "checkpoint-stalled" once no checkpoint completed for 10 minutes', async () => {
    let offset = 0;
    const evaluator = new AlertEvaluator({
      alerts: store.alerts,
      signals: {
        jobs: () => backend.listJobs(),
        checkpointFailuresSince: async () => 0,
        upgradeRollbacksSince: async () => 0,
        leaderChangesSince: async () => 0,
        coordinationLost: () => false,
        vertexMetrics: async () => [],
      },
      now: () => Date.now() + offset,
      logger: pino({ level: 'silent' }),
      notify: false,
    });
    await waitFor(
      'the job to run',
      async () => (await backend.listJobs())[0]?.status === 'RUNNING',
    );

    await evaluator.evaluate();
    expect(await store.alerts.firingAlerts()).toEqual([]);

    offset = 10 * MINUTE + 1000;
    await evaluator.evaluate();
    const firing = await store.alerts.firingAlerts();
    expect(firing.map((a) => [a.jobId, a.kind, a.severity])).toEqual([
      ['clicks-per-user', 'checkpoint-stalled', 'critical'],
    ]);
    expect(firing[0]?.summary).toMatch(
      /^clicks-per-user: no checkpoint completed for 10(\.\d)? min/,
    );
  });
});
