import type { JobStatus } from '@weir/contract';

/** Flink's job states that Weir's `JobStatus` names alike (Weir took the names from Flink). */
const SAME: ReadonlySet<string> = new Set<JobStatus>([
  'CREATED',
  'RUNNING',
  'FAILING',
  'RESTARTING',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'FAILED',
  'SUSPENDED',
]);

/**
 * Flink's states without a Weir twin: INITIALIZING (submitted, the JobMaster not yet created)
 * is a job not running yet; RECONCILING (a new JobManager re-attaching to running tasks) is a
 * recovery. A state a later Flink adds is shown as CREATED, with its name kept in `nativeStatus`.
 */
const TRANSLATED: Record<string, JobStatus> = {
  INITIALIZING: 'CREATED',
  RECONCILING: 'RESTARTING',
};

/** Weir's status for a Flink job state, and Flink's own name where they differ. */
export function jobStatus(flinkState: string): { status: JobStatus; nativeStatus?: string } {
  if (SAME.has(flinkState)) return { status: flinkState as JobStatus };
  return { status: TRANSLATED[flinkState] ?? 'CREATED', nativeStatus: flinkState };
}

/**
 * Flink's globally terminal states: the job will not run again. SUSPENDED is not one (another
 * JobManager takes the job over).
 */
const ENDED: ReadonlySet<string> = new Set(['CANCELED', 'FINISHED', 'FAILED']);

export const hasEnded = (flinkState: string) => ENDED.has(flinkState);
