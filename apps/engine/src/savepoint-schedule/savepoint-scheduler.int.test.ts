import path from 'node:path';
import { EMBEDDED_CLUSTER } from '@weir/contract';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendHarness } from '../../testing/backend-harness.js';
import { boundedClickJob } from '../../testing/bounded-click-job.js';
import { createTestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { createStore, type Store } from '../db/store.js';
import { SavepointScheduler, SCHEDULER_ACTOR } from './savepoint-scheduler.js';

const HOUR = 3_600_000;
const job = { clusterId: EMBEDDED_CLUSTER, jobId: 'bounded-clicks' };

// The schedule on an injected clock over a real embedded job and a real database: savepoints
// fire when due, retention disposes of the oldest beyond the count but never a kept or pinned
// one, and every action is on the audit trail with its reason.
describe('SavepointScheduler', () => {
  let harness: BackendHarness;
  let db: Database;
  let drop: () => Promise<void>;
  let store: Store;
  let offset = 0;
  let scheduler: SavepointScheduler;

  beforeAll(async () => {
    const now = () => Date.now() + offset;
    harness = await BackendHarness.create(now);
    const pg = await createTestDatabase();
    drop = pg.drop;
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    store = createStore(db.prisma);
    scheduler = new SavepointScheduler({
      policies: store.savepointPolicies,
      backend: async () => harness.backend,
      pinned: (_, snapshotPath) => harness.paths.claims.isClaimed(snapshotPath),
      audit: (entry) => store.audit.record(entry),
      now,
      logger: pino({ level: 'silent' }),
    });
    // Runs for minutes: the test ends it (dispose cancels it).
    await harness.backend.submitJob(
      boundedClickJob({
        count: 10_000_000,
        ratePerSecond: 5_000,
        throttle: true,
        resultsFile: path.join(harness.dir, 'counts.jsonl'),
        checkpointIntervalMs: 500,
      }),
    );
    await waitFor(
      'the job to run',
      async () => (await harness.backend.getJob(job.jobId)).status === 'RUNNING',
    );
  });
  afterAll(async () => {
    await harness?.dispose();
    await db?.close();
    await drop?.();
  });

  const savepoints = () => harness.backend.listSavepoints(job.jobId, 100);
  const live = async () =>
    (await savepoints()).filter((s) => !s.disposedAt).map((s) => s.checkpointId);
  /** A round an hour after the last, then one more at the same time (retention sees the new one). */
  const nextHour = async () => {
    offset += HOUR;
    await scheduler.round();
    await scheduler.round();
  };

  it('takes a savepoint when due and keeps the newest two, a kept and a pinned one besides', async () => {
    await store.savepointPolicies.set(
      job,
      { intervalMs: HOUR, keepCount: 2, keepForMs: null },
      'ops',
      new Date(),
    );
    await scheduler.round();
    const [first] = await savepoints();
    expect(first).toMatchObject({ status: 'COMPLETED' });
    await scheduler.round(); // not due again yet
    expect(await savepoints()).toHaveLength(1);

    await nextHour();
    await nextHour();
    const [third, second] = await live();
    // Three taken, the oldest disposed of: more than two newer ones were kept.
    expect(await live()).toEqual([third, second]);
    expect(
      (await savepoints()).find((s) => s.checkpointId === first?.checkpointId)?.disposedAt,
    ).toBeTruthy();

    // Kept by an operator: never disposed of, and not counted.
    await store.savepointPolicies.keep(job, second as number, 'ops', new Date());
    await nextHour();
    await nextHour();
    const afterKeep = await live();
    expect(afterKeep).toHaveLength(3);
    expect(afterKeep).toContain(second);
    expect(afterKeep).not.toContain(third);

    // Pinned by a restore being prepared: left alone too (it would be the one to go).
    const [, fourth] = afterKeep.filter((id) => id !== second);
    const fourthPath = (await savepoints()).find((s) => s.checkpointId === fourth)?.path;
    await harness.paths.claims.pin(fourthPath as string);
    await nextHour();
    const afterPin = await live();
    expect(afterPin).toHaveLength(4);
    expect(afterPin).toContain(fourth);

    const rows = await store.audit.list({ actor: SCHEDULER_ACTOR, limit: 100 });
    const triggers = rows.filter((r) => r.action === 'savepoints.trigger');
    const disposals = rows.filter((r) => r.action === 'savepoints.dispose');
    expect(triggers).toHaveLength(6);
    expect(triggers.every((r) => r.result === 'ok' && r.jobId === job.jobId)).toBe(true);
    expect(
      disposals.map((r) => [r.result, (r.params as { checkpointId: number }).checkpointId]),
    ).toEqual([
      ['ok', third],
      ['ok', first?.checkpointId],
    ]);
    expect(disposals[0]?.params).toMatchObject({
      cluster: EMBEDDED_CLUSTER,
      reason: 'more than 2 newer savepoints are kept',
    });
  });

  it('does nothing for a job whose policy asks for nothing', async () => {
    await store.savepointPolicies.set(
      job,
      { intervalMs: null, keepCount: null, keepForMs: null },
      'ops',
      new Date(),
    );
    const before = await savepoints();
    await nextHour();
    await waitFor(
      'the job to still run',
      async () => (await harness.backend.getJob(job.jobId)).status === 'RUNNING',
    );
    expect(await savepoints()).toEqual(before);
  });
});
