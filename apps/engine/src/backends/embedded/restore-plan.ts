import type { JobSpec, RestoreCheck, RestoreRequest } from '@weir/contract';
import type { SnapshotPaths } from '../../checkpoint/storage/paths.js';
import {
  type LoadedSnapshot,
  readSnapshot,
  SnapshotInvalidError,
} from '../../checkpoint/storage/storage.js';
import { invalidArgument } from '../../errors/weir-error.js';
import { confinedPath } from '../../jobs/confined-path.js';
import { withParallelism } from '../../jobs/with-parallelism.js';

/**
 * What a restore of the job now running `current` would start from: the requested spec (or
 * the current one) at the requested parallelism, and the snapshot, read and verified. A bad
 * spec id or an invalid snapshot is the caller's error, named as such.
 */
export async function planRestore(
  request: RestoreRequest,
  current: JobSpec,
  paths: SnapshotPaths,
): Promise<{ spec: JobSpec; snapshot: LoadedSnapshot }> {
  if (request.spec && request.spec.id !== request.jobId)
    throw invalidArgument(`the spec is for job ${request.spec.id}, not ${request.jobId}`);
  const spec = withParallelism(
    request.spec ?? current,
    request.parallelism,
    request.vertexParallelism,
  );
  // Only snapshot folders: a restore reads what it is pointed at and echoes what it found.
  const snapshotPath = confinedPath(
    request.snapshotPath,
    [paths.roots.savepoints, paths.roots.checkpoints],
    'snapshotPath',
  );
  // Checked now, confirmed maybe minutes later: retention must not take it meanwhile.
  await paths.claims.pin(snapshotPath);
  try {
    return { spec, snapshot: await readSnapshot(snapshotPath) };
  } catch (error) {
    if (error instanceof SnapshotInvalidError) throw invalidArgument(error.message);
    throw error;
  }
}

/** The snapshot without the state of operators the check found dropped (allowed by then). */
export function withoutDroppedState(snapshot: LoadedSnapshot, check: RestoreCheck): LoadedSnapshot {
  const dropped = new Set(check.dropped.map((d) => d.uid));
  return {
    ...snapshot,
    states: new Map([...snapshot.states].filter(([uid]) => !dropped.has(uid))),
  };
}
