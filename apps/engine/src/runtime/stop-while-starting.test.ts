import { describe, expect, it } from 'vitest';
import { failingJob } from '../../testing/failing-job.js';
import { MasterHarness } from '../../testing/master-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import { StorageCheckpointHa } from '../checkpoint/checkpoint-ha.js';
import type { RecoveryChoice } from '../checkpoint/storage/recovery.js';

const current = MasterHarness.perTest();

/** Storage-only HA whose recovery waits until the test lets it answer. */
class HeldRecovery extends StorageCheckpointHa {
  asked = false;
  answered = false;
  private release: () => void = () => {};

  override async recover(): Promise<RecoveryChoice> {
    this.asked = true;
    await new Promise<void>((resolve) => {
      this.release = resolve;
    });
    const choice = await super.recover();
    this.answered = true;
    return choice;
  }

  answer(): void {
    this.release();
  }
}

const afterPendingCallbacks = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A job stopped while its workers start, or while a restart reads its checkpoint, stays
 * stopped. Before, the stop found no workers to stop, the start went on, and a job whose
 * leader had lost leadership ran on with nobody to stop it (or, cancelled, threw from its
 * status machine outside any caller).
 */
describe('a job stopped while it starts', () => {
  it('does not run once suspended while its workers were starting', async () => {
    const job = current().master(failingJob('suspended-while-starting'));
    const starting = job.start({ restore: null, firstCheckpointId: 1 });
    await job.suspend();
    await starting;
    expect(job.status).toBe('SUSPENDED');
  });

  it('does not restart once cancelled while its restart read the checkpoint', async () => {
    const spec = failingJob('cancelled-while-restarting');
    const ha = new HeldRecovery(current().paths.checkpointsOf(spec.id), 1, () => {});
    const job = current().master(spec, { checkpointHa: ha });
    await job.start({ restore: null, firstCheckpointId: 1 });
    await waitFor('the restart to ask for its checkpoint', () => ha.asked);
    expect(job.status).toBe('RESTARTING');
    await job.cancel();
    ha.answer();
    await waitFor('the checkpoint to be read', () => ha.answered);
    await afterPendingCallbacks();
    expect(job.status).toBe('CANCELED');
    expect(job.restarts).toBe(0);
  });
});
