import type { SnapshotKind } from '@weir/contract';
import type { Logger } from '../logging/logger.js';
import type { SnapshotHistory } from './snapshot-history.js';

type Completion = Omit<Parameters<SnapshotHistory['recordCompleted']>[0], 'jobId'>;

/**
 * Writes a job's snapshot history so that a snapshot's completion or failure updates its row
 * only once the trigger's insert of that row has landed. The coordinator does not wait for the
 * insert before it goes on (the database must not hold checkpoints up), and on a busy machine
 * a checkpoint of small state completed before its row existed: the update found nothing and
 * the job failed over for a checkpoint that had committed.
 *
 * A write that fails is logged, never thrown: the history is the console's record, and a
 * committed checkpoint stays committed whatever the database says.
 */
export class HistoryWrites {
  constructor(
    private readonly history: SnapshotHistory,
    private readonly logger: Logger,
    private readonly jobId: string,
  ) {}

  /** Inserts the snapshot's row; the promise (it never rejects) is what later writes wait for. */
  triggered(kind: SnapshotKind, checkpointId: number, triggeredAt: Date): Promise<void> {
    const { jobId } = this;
    return this.logged(
      this.history.recordTriggered({ jobId, checkpointId, kind, triggeredAt }),
      checkpointId,
      'trigger',
    );
  }

  async completed(inserted: Promise<void>, completion: Completion): Promise<void> {
    await inserted;
    const write = this.history.recordCompleted({ ...completion, jobId: this.jobId });
    await this.logged(write, completion.checkpointId, 'completion');
  }

  async failed(
    inserted: Promise<void>,
    failure: { kind: SnapshotKind; checkpointId: number; reason: string },
  ): Promise<void> {
    await inserted;
    const write = this.history.recordFailed({ ...failure, jobId: this.jobId });
    await this.logged(write, failure.checkpointId, 'failure');
  }

  private logged(write: Promise<unknown>, checkpointId: number, what: string): Promise<void> {
    return write.then(
      () => undefined,
      (err: unknown) => {
        this.logger.error(
          { err, job: this.jobId, checkpoint: checkpointId },
          `could not record the snapshot's ${what} in its history`,
        );
      },
    );
  }
}
