'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import type { RouterInputs } from '../trpc/types';
import { useClusterId } from '../use-cluster-id';
import { HISTORY_REFRESH_MS, live, OPERATION_POLL_MS } from './refresh-intervals';

// Each asks the cluster the page's route names (the embedded one on `/`): a job id means
// something only within its cluster.

export function useJobs() {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.list.queryOptions({ cluster }, live));
}

/** The job with its graph, metrics and spec; every tab of the job page shares this one query. */
export function useJob(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.get.queryOptions({ cluster, jobId }, live));
}

/**
 * The job's spec as jobs.get serves it (secrets redacted), read once and not polled: an
 * editor starts from it, and a later change to the job must not change the text under the user.
 */
export function useJobSpec(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(
    trpc.jobs.get.queryOptions(
      { cluster, jobId },
      { select: (job) => job.spec, staleTime: Infinity },
    ),
  );
}

export function useJobExceptions(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.exceptions.queryOptions({ cluster, jobId }, live));
}

/**
 * Every spec the job ran, newest first. New versions come from people upgrading, not each
 * second; the end of an upgrade seen on this page refreshes it at once. Not `enabled` for jobs
 * Weir does not version (a Flink job's list is always empty).
 */
export function useJobVersions(jobId: string, enabled = true) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(
    trpc.jobs.versions.queryOptions(
      { cluster, jobId },
      { enabled, refetchInterval: HISTORY_REFRESH_MS },
    ),
  );
}

/** The job's restores, rescales and upgrades, newest first, running ones included. */
export function useJobOperations(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.operations.queryOptions({ cluster, jobId }, live));
}

/** One restore, rescale or upgrade, followed until it ends; then it is no longer asked for. */
export function useJobOperation(operationId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(
    trpc.jobs.operation.queryOptions(
      { cluster, operationId },
      { refetchInterval: (q) => (q.state.data?.status === 'RUNNING' ? OPERATION_POLL_MS : false) },
    ),
  );
}

export function useLoadHistory(jobId: string, vertexId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.loadHistory.queryOptions({ cluster, jobId, vertexId }, live));
}

/** The newest `limit` closed windows. */
export function useRecentResults(jobId: string, limit: number) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.jobs.recentResults.queryOptions({ cluster, jobId, limit }, live));
}

/** One page of the job's kept dead letters, newest first, as the filter and cursor say. */
export function useDeadLetters(filter: Omit<RouterInputs['jobs']['deadLetters'], 'cluster'>) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(
    trpc.jobs.deadLetters.queryOptions(
      { cluster, ...filter },
      { ...live, placeholderData: keepPreviousData },
    ),
  );
}

/**
 * The dry run of a restore, asked again as the request changes; the last answer stays on
 * screen meanwhile. Not retried, so a failure shows at once beside the choices that led to it.
 * The request names its cluster itself: it is the very request the restore then sends.
 */
export function useRestoreCheck(request: RouterInputs['jobs']['restoreCheck'], enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.jobs.restoreCheck.queryOptions(request, { placeholderData: keepPreviousData }),
    enabled,
    retry: false,
  });
}

/**
 * The job's timeline, newest first: `kinds` only when given, the newest `limit` events. The
 * engine records it only for the jobs it runs (the embedded cluster's), by job id alone.
 */
export function useJobTimeline(
  jobId: string,
  kinds: RouterInputs['jobs']['timeline']['kinds'],
  limit: number,
) {
  const trpc = useTRPC();
  return useQuery(
    trpc.jobs.timeline.queryOptions(
      { jobId, kinds, limit },
      { ...live, placeholderData: keepPreviousData },
    ),
  );
}
