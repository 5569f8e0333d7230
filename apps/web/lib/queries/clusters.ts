'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { live } from './refresh-intervals';

/**
 * Every cluster with its health, version, slots and job counts. Live: it is where every
 * cluster-scoped page learns that its cluster stopped answering ("unreachable since …").
 */
export function useClusters() {
  const trpc = useTRPC();
  return useQuery(trpc.clusters.list.queryOptions(undefined, live));
}

/**
 * One cluster's row of the list (undefined data while loading or when no cluster has that
 * name); it shares the one list query, so any number of callers cost one request.
 */
export function useClusterSummary(cluster: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.clusters.list.queryOptions(undefined, {
      ...live,
      select: (clusters) => clusters.find((c) => c.id === cluster),
    }),
  );
}
