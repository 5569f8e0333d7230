import type { JobDetail, JobSummary, SubtaskMetrics } from '@weir/contract';
import type {
  FlinkCheckpointingStats,
  FlinkJobDetails,
  FlinkJobOverview,
} from './flink-schemas.js';
import { jobStatus } from './job-status.js';
import { topology } from './topology.js';

const isoOrNull = (epochMs: number | undefined) =>
  epochMs !== undefined && epochMs > 0 ? new Date(epochMs).toISOString() : null;

/** A job's parallelism: its widest vertex's. */
export function jobParallelism(details: FlinkJobDetails): number {
  return Math.max(1, ...details.vertices.map((v) => v.parallelism));
}

/** What the jobs list needs besides `/jobs/overview`, from calls of their own. */
export interface SummaryExtras {
  /** `GET /jobs/:id`, for the parallelism; absent when that call failed. */
  details?: FlinkJobDetails;
  /** `GET /jobs/:id/checkpoints`; absent for a job that never checkpoints or when it failed. */
  checkpoints?: FlinkCheckpointingStats;
  /** The job's `numRestarts` metric; absent when Flink no longer reports it (ended jobs). */
  restarts?: number;
}

/**
 * A Flink job as Weir's jobs list shows it. Weir concepts Flink has none of are zero: Flink has
 * no dead-letter channel, and it reports no recovery that skipped an invalid checkpoint.
 */
export function jobSummary(job: FlinkJobOverview, extras: SummaryExtras): JobSummary {
  const parallelism = extras.details ? jobParallelism(extras.details) : 1;
  const latest = extras.checkpoints?.latest;
  return {
    id: job.jid,
    name: job.name,
    ...jobStatus(job.state),
    parallelism,
    startedAt: isoOrNull(job['start-time']),
    restoredFrom: latest?.restored?.external_path ?? null,
    lastCompletedCheckpointAt: isoOrNull(latest?.completed?.latest_ack_timestamp),
    deadLetters: 0,
    restarts: extras.restarts ?? 0,
    recoveryFallbacks: 0,
  };
}

/**
 * A Flink job as Weir's job page shows it, from `GET /jobs/:id`, what `jobSummary` needs and
 * its subtasks' metrics by vertex id. It has no Weir spec: a Flink job runs a jar.
 */
export function jobDetail(
  details: FlinkJobDetails,
  extras: Omit<SummaryExtras, 'details'>,
  subtasks: ReadonlyMap<string, SubtaskMetrics[]>,
): JobDetail {
  const summary = jobSummary(
    {
      jid: details.jid,
      name: details.name,
      state: details.state,
      'start-time': details['start-time'],
    },
    { ...extras, details },
  );
  const vertexMax = details.vertices.map((v) => v.maxParallelism ?? 0).filter((max) => max > 0);
  const jobMax = details.maxParallelism ?? 0;
  return {
    ...summary,
    maxParallelism: jobMax > 0 ? jobMax : vertexMax.length > 0 ? Math.max(...vertexMax) : null,
    ...topology(details, subtasks),
    flink: {
      jobType: details['job-type'] ?? null,
      scheduler: details.schedulerType ?? null,
    },
  };
}
