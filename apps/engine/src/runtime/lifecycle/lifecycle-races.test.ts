import { existsSync } from 'node:fs';
import { type JobSpec, JobSpecSchema, type JobStatus } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { failingJob } from '../../../testing/failing-job.js';
import { MasterHarness } from '../../../testing/master-harness.js';
import { waitFor } from '../../../testing/wait-for.js';
import { StorageCheckpointHa } from '../../checkpoint/checkpoint-ha.js';
import type { RecoveryChoice } from '../../checkpoint/storage/recovery.js';
import { WeirError } from '../../errors/weir-error.js';

const current = MasterHarness.perTest();

/** Storage-only HA whose checkpoint ids, once held, wait until the test releases them. */
class HeldIds extends StorageCheckpointHa {
  waiting = 0;
  private held = false;
  private readonly releases: (() => void)[] = [];

  hold(): void {
    this.held = true;
  }

  override async nextCheckpointId(): Promise<number> {
    if (this.held) {
      this.waiting += 1;
      await new Promise<void>((resolve) => this.releases.push(resolve));
    }
    return super.nextCheckpointId();
  }

  release(): void {
    this.held = false;
    for (const release of this.releases.splice(0)) release();
  }
}

/** Storage-only HA that cannot read its checkpoints (the store is gone). */
class UnreadableCheckpoints extends StorageCheckpointHa {
  override async recover(): Promise<RecoveryChoice> {
    throw new Error('checkpoint store unreachable');
  }
}

/** Datagen at 2,000 records a second into a map that throws at its `failAt`th record. */
function jobFailingAt(id: string, failAt: number): JobSpec {
  const base = failingJob(id);
  return JobSpecSchema.parse({
    ...base,
    operators: base.operators.map((op) => {
      if (op.uid === 'clicks')
        return { ...op, config: { seed: 3, ratePerSecond: 2_000, throttle: true, count: 1e9 } };
      if (op.uid === 'flaky')
        return { ...op, config: { module: 'failing-map', config: { failAt } } };
      return op;
    }),
  });
}

/** A job that runs until stopped, whose status changes the test can read in order. */
function steadyJob(id: string, ha: StorageCheckpointHa) {
  const statuses: JobStatus[] = [];
  const job = current().master(jobFailingAt(id, Number.MAX_SAFE_INTEGER), {
    checkpointHa: ha,
    onStatusChange: (status) => statuses.push(status),
  });
  return { job, statuses };
}

const heldIds = (id: string) => new HeldIds(current().paths.checkpointsOf(id), 1, () => {});

/**
 * The job lifecycle where two things happen at once. Each state's work runs under its own
 * AbortController and every run has its own checkpoint coordinator, so whichever comes first
 * decides, and work of the state that lost never resumes.
 */
describe('job lifecycle races', () => {
  it('a stop-with-savepoint during a failover fails, and the job restarts instead of finishing', async () => {
    const spec = jobFailingAt('stop-during-failover', 1_000);
    const ha = heldIds(spec.id);
    const statuses: JobStatus[] = [];
    const job = current().master(spec, {
      checkpointHa: ha,
      onStatusChange: (status) => statuses.push(status),
    });
    await job.start({ restore: null });
    ha.hold();
    const stopping = job.stopWithSavepoint({ drain: false });
    const outcome = stopping.then(
      () => 'completed',
      (error: Error) => error.message,
    );
    await waitFor('the savepoint to wait for its id', () => ha.waiting === 1);
    // The map fails at its 1,000th record, about half a second in: the job fails over.
    await waitFor('the failover', () => statuses.includes('FAILING'));
    ha.release();
    expect(await outcome).toMatch(/job failed and is failing over/);
    await waitFor('a restart', () => job.restarts === 1);
    expect(statuses).not.toContain('FINISHED');
    expect(existsSync(current().paths.savepointsOf(spec.id))).toBe(false);
  });

  it('a stop-with-savepoint when leadership is lost fails, and the job is suspended, not finished', async () => {
    const ha = heldIds('stop-while-deposed');
    const { job, statuses } = steadyJob('stop-while-deposed', ha);
    await job.start({ restore: null });
    expect(job.status).toBe('RUNNING');
    ha.hold();
    const stopping = job.stopWithSavepoint({ drain: false }).then(
      () => 'completed',
      (error: Error) => error.message,
    );
    await waitFor('the savepoint to wait for its id', () => ha.waiting === 1);
    await job.suspend();
    ha.release();
    expect(await stopping).toMatch(/lost leadership/);
    expect(job.status).toBe('SUSPENDED');
    expect(statuses).toEqual(['RUNNING', 'SUSPENDED']);
  });

  it('a second stop, or a savepoint, while stopping with a savepoint is a conflict', async () => {
    const ha = heldIds('stop-twice');
    const { job } = steadyJob('stop-twice', ha);
    await job.start({ restore: null });
    ha.hold();
    const first = job.stopWithSavepoint({ drain: false });
    await waitFor('the savepoint to wait for its id', () => ha.waiting === 1);
    const second = job.stopWithSavepoint({ drain: false }).catch((error: unknown) => error);
    const savepoint = job.requestSavepoint().catch((error: unknown) => error);
    for (const refused of [await second, await savepoint]) {
      expect(refused).toBeInstanceOf(WeirError);
      expect((refused as WeirError).code).toBe('CONFLICT');
      expect((refused as WeirError).message).toMatch(/already stopping/);
    }
    ha.release();
    const done = await first;
    expect(done.kind).toBe('SAVEPOINT');
    await job.whenTerminated();
    expect(job.status).toBe('FINISHED');
  });

  it('work of a state that fails goes to one handler: the job fails with the reason on record', async () => {
    const spec = failingJob('unreadable-restart');
    const ha = new UnreadableCheckpoints(current().paths.checkpointsOf(spec.id), 1, () => {});
    const job = current().master(spec, { checkpointHa: ha });
    await job.start({ restore: null });
    await job.whenTerminated();
    expect(job.status).toBe('FAILED');
    expect(job.exceptions.toArray().at(-1)?.message).toBe(
      'restarting failed: checkpoint store unreachable',
    );
    expect(job.restarts).toBe(0);
  });

  it('a savepoint asked of a job that is not running is a conflict, not an internal error', async () => {
    const { job } = steadyJob('savepoint-before-start', heldIds('savepoint-before-start'));
    const refused = await job.requestSavepoint().catch((error: unknown) => error);
    expect((refused as WeirError).code).toBe('CONFLICT');
    await job.cancel();
    const afterCancel = await job.stopWithSavepoint({ drain: false }).catch((e: unknown) => e);
    expect((afterCancel as WeirError).code).toBe('CONFLICT');
    expect((afterCancel as WeirError).message).toMatch(/is CANCELED, not RUNNING/);
  });
});
