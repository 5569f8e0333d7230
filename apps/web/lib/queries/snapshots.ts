'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { useClusterId } from '../use-cluster-id';
import { live, SAVEPOINT_POLL_MS } from './refresh-intervals';

// Each asks the cluster the page's route names, as the job hooks do.

/** The newest `limit` checkpoints. */
export function useCheckpoints(jobId: string, limit: number) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.checkpoints.list.queryOptions({ cluster, jobId, limit }, live));
}

export function useCheckpointCounts(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.checkpoints.counts.queryOptions({ cluster, jobId }, live));
}

/** One checkpoint with its statistics; a finished checkpoint does not change, so no polling. */
export function useCheckpoint(jobId: string, checkpointId: number) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.checkpoints.get.queryOptions({ cluster, jobId, checkpointId }));
}

/** The newest `limit` savepoints. */
export function useSavepoints(jobId: string, limit: number) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.savepoints.list.queryOptions({ cluster, jobId, limit }, live));
}

/** The job's savepoint schedule and retention: set by people, so read once, not polled. */
export function useSavepointPolicy(jobId: string) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(trpc.savepoints.policy.queryOptions({ cluster, jobId }));
}

/**
 * The checkpoints and savepoints a restore can start from, the newest `limit` of each, fetched
 * again whenever `enabled` turns on (the wizard opens) however recently the tabs cached them:
 * with the default staleTime a list less than a second old would not be fetched, and the
 * wizard would have nothing fresh to preselect from.
 */
export function useRestoreCandidates(jobId: string, limit: number, enabled: boolean) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const fresh = { enabled, staleTime: 0 };
  const checkpoints = useQuery({
    ...trpc.checkpoints.list.queryOptions({ cluster, jobId, limit }),
    ...fresh,
  });
  const savepoints = useQuery({
    ...trpc.savepoints.list.queryOptions({ cluster, jobId, limit }),
    ...fresh,
  });
  return { checkpoints, savepoints };
}

/**
 * A savepoint followed by its trigger id (null: none to follow) until it completes or fails.
 * It keeps asking through NOT_FOUND too: the trigger call may not have reached the engine yet.
 */
export function useSavepointStatus(jobId: string, triggerId: string | null) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  return useQuery(
    trpc.savepoints.status.queryOptions(
      { cluster, jobId, triggerId: triggerId ?? '' },
      {
        enabled: triggerId !== null,
        refetchInterval: (q) =>
          q.state.data?.status === 'IN_PROGRESS' || !q.state.data ? SAVEPOINT_POLL_MS : false,
      },
    ),
  );
}
