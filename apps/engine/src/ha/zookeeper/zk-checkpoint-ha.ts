import type { SnapshotKind } from '@weir/contract';
import { type CheckpointHa, CommitOutcomeUnknownError } from '../../checkpoint/checkpoint-ha.js';
import {
  type RecoveryChoice,
  readSnapshot,
  SnapshotInvalidError,
} from '../../checkpoint/storage/storage.js';
import type { ZkPaths } from './zk-paths.js';
import { ZK_ERROR, type ZkOp, type ZkSession, zkErrorCode } from './zk-session.js';

/** A completed-checkpoint pointer; `instanceId` and `epoch` say which leader completed it. */
export interface CheckpointPointer {
  checkpointId: number;
  path: string;
  instanceId: string;
  epoch: number;
}

/**
 * A job's checkpoint id counter and completed-checkpoint pointers in ZooKeeper (like Flink's
 * ZooKeeperCheckpointIDCounter and ZooKeeperStateHandleStore). Every write carries the
 * leader's fencing checks, and a pointer is created, never overwritten: two leaders can never
 * both complete checkpoint n.
 */
export class ZkCheckpointHa implements CheckpointHa {
  constructor(
    private readonly jobId: string,
    private readonly zk: () => ZkSession,
    private readonly paths: ZkPaths,
    private readonly fence: () => ZkOp[],
    private readonly leader: () => { instanceId: string; epoch: number },
    /** Where the counter starts when this job has none yet: above every id already used. */
    private readonly firstId: number,
  ) {}

  async nextCheckpointId(): Promise<number> {
    this.fence(); // throws unless this instance may commit: no id for a checkpoint that cannot complete
    const zk = this.zk();
    const path = this.paths.checkpointCounter(this.jobId);
    for (;;) {
      const node = await zk.get(path);
      if (!node) {
        await zk.mkdirp(this.paths.checkpoints(this.jobId));
        await zk
          .multi([...this.fence(), { op: 'create', path, data: Buffer.from(String(this.firstId)) }])
          .catch((error: unknown) => {
            if (zkErrorCode(error) !== ZK_ERROR.NODE_EXISTS) throw error;
          });
        continue;
      }
      const id = Number(node.data.toString());
      try {
        // Compare-and-set on the node's version: a concurrent (stale) leader's bump fails.
        await zk.set(path, Buffer.from(String(id + 1)), node.stat.version);
        return id;
      } catch (error) {
        if (zkErrorCode(error) !== ZK_ERROR.BAD_VERSION) throw error;
      }
    }
  }

  async commit(
    kind: SnapshotKind,
    checkpointId: number,
    dir: string,
    retained: number,
  ): Promise<void> {
    // A savepoint is no recovery pointer, but only the leader may declare one complete.
    if (kind !== 'CHECKPOINT') {
      await this.confirmLeading();
      return;
    }
    const pointer: CheckpointPointer = { checkpointId, path: dir, ...this.leader() };
    const path = this.paths.checkpoint(this.jobId, checkpointId);
    const expired = (await this.pointers()).slice(Math.max(0, retained - 1));
    try {
      await this.zk().multi([
        ...this.fence(),
        { op: 'create', path, data: Buffer.from(JSON.stringify(pointer)) },
        ...expired.map(
          (old): ZkOp => ({
            op: 'remove',
            path: this.paths.checkpoint(this.jobId, old.checkpointId),
          }),
        ),
      ]);
    } catch (error) {
      if (zkErrorCode(error) !== ZK_ERROR.CONNECTION_LOSS) throw error;
      if (!(await this.appliedMeanwhile(checkpointId, path, pointer, error))) throw error;
    }
  }

  /**
   * Whether a commit whose answer was lost (the connection dropped after the request went
   * out) was applied all the same: then the pointer is this one. Counting it as refused would
   * delete the files the pointer names, and with the older pointers gone in the same
   * transaction a restart would find nothing to restore. Asked once the session is back. No
   * pointer, or no answer, leaves the outcome unknown (`CommitOutcomeUnknownError`): the
   * request may still be on its way through the ensemble, or the server asked may lag.
   */
  private async appliedMeanwhile(
    checkpointId: number,
    path: string,
    pointer: CheckpointPointer,
    lost: unknown,
  ): Promise<boolean> {
    const node = await this.zk()
      .get(path)
      .catch(() => null);
    if (!node) throw new CommitOutcomeUnknownError(checkpointId, lost);
    const found = JSON.parse(node.data.toString()) as CheckpointPointer;
    return (
      found.path === pointer.path &&
      found.instanceId === pointer.instanceId &&
      found.epoch === pointer.epoch
    );
  }

  /** A round trip with only the fencing checks: fails once a newer leader exists. */
  confirmLeading(): Promise<number> {
    return this.zk().leaseFrom(this.fence());
  }

  /** Newest first. */
  private async pointers(): Promise<CheckpointPointer[]> {
    const zk = this.zk();
    const names = await zk.children(this.paths.checkpoints(this.jobId));
    const pointers: CheckpointPointer[] = [];
    for (const name of names.sort().reverse()) {
      const node = await zk.get(`${this.paths.checkpoints(this.jobId)}/${name}`);
      if (node) pointers.push(JSON.parse(node.data.toString()) as CheckpointPointer);
    }
    return pointers;
  }

  async recoverableIds(): Promise<number[]> {
    return (await this.pointers()).map((pointer) => pointer.checkpointId);
  }

  async recover(): Promise<RecoveryChoice> {
    const pointers = await this.pointers();
    const highestSeenId = pointers[0]?.checkpointId ?? 0;
    const skipped: RecoveryChoice['skipped'] = [];
    for (const pointer of pointers) {
      try {
        return { snapshot: await readSnapshot(pointer.path), skipped, highestSeenId };
      } catch (error) {
        if (!(error instanceof SnapshotInvalidError)) throw error;
        skipped.push({ dir: pointer.path, defect: error.defect, message: error.message });
      }
    }
    return { snapshot: null, skipped, highestSeenId };
  }
}
