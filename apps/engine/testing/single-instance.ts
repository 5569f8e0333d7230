import type { EmbeddedBackendDeps } from '../src/backends/embedded/embedded-backend.js';
import type { SnapshotPaths } from '../src/checkpoint/storage/paths.js';
import { embeddedJobHa, soleLeader } from '../src/ha/job-ha.js';

/** The HA side of a backend that is its cluster's only instance, as in the embedded mode. */
export function singleInstance(paths: SnapshotPaths): Pick<EmbeddedBackendDeps, 'ha' | 'cluster'> {
  const instance = {
    instanceId: 'test-1',
    role: 'leader' as const,
    apiAddress: 'http://127.0.0.1:1',
    startedAt: new Date().toISOString(),
    coordination: 'embedded' as const,
    lastHeartbeatAt: new Date().toISOString(),
  };
  return {
    ha: embeddedJobHa(paths, soleLeader()),
    cluster: async () => ({
      haMode: 'embedded',
      leader: instance,
      instances: [instance],
      leaderChanges: [],
    }),
  };
}
