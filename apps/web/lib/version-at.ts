import type { JobVersion } from './trpc/types';

const newestFirst = (versions: JobVersion[]) => [...versions].sort((a, b) => b.version - a.version);

/**
 * The version of a job that was running at `at`: the newest created at or before it that had
 * not been rolled back by then. A version rolled back automatically leaves no version of its
 * own behind (the previous one simply runs again), so a savepoint taken after the rollback
 * belongs to the version before it. Undefined for a time before the job's first version.
 */
export function versionAt(versions: JobVersion[], at: string): JobVersion | undefined {
  const time = Date.parse(at);
  const runningThen = (v: JobVersion) =>
    Date.parse(v.createdAt) <= time &&
    (v.rolledBack === null || Date.parse(v.rolledBack.at) > time);
  return newestFirst(versions).find(runningThen);
}

/** The version that runs now (or ran last): the newest one not rolled back. */
export function currentVersion(versions: JobVersion[]): JobVersion | undefined {
  return newestFirst(versions).find((v) => v.rolledBack === null);
}
