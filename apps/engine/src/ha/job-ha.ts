import { type CheckpointHa, StorageCheckpointHa } from '../checkpoint/checkpoint-ha.js';
import type { SnapshotPaths } from '../checkpoint/storage/paths.js';
import { InMemoryJobGraphStore, type JobGraphStore } from './job-graph-store.js';
import { LeaderService } from './leader-service.js';

/** What running jobs needs from high availability, whichever mode provides it. */
export interface JobHa {
  leader: LeaderService;
  jobGraphs: JobGraphStore;
  /** One job's checkpoint ids, commit point and recovery; ids start at `firstId` if new. */
  checkpointHa(jobId: string, firstId: number): CheckpointHa;
}

/** The embedded mode: storage is the only record, and this instance the only one. */
export function embeddedJobHa(paths: SnapshotPaths, leader: LeaderService): JobHa {
  return {
    leader,
    jobGraphs: new InMemoryJobGraphStore(),
    checkpointHa: (jobId, firstId) =>
      new StorageCheckpointHa(paths.checkpointsOf(jobId), firstId, () => leader.assertMayCommit()),
  };
}

/** A leader service that has already been granted: for a single instance and for tests. */
export function soleLeader(): LeaderService {
  const leader = new LeaderService();
  leader.granted({ epoch: 1, grantedAt: new Date(), previous: null });
  return leader;
}
