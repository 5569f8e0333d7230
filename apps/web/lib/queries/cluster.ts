'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { live } from './refresh-intervals';

/**
 * A cluster's instances, leader and its changes, or a Flink cluster's version and slots; the
 * header's leader badge (the embedded cluster's) and each cluster's page share it.
 */
export function useClusterOverview(cluster: string) {
  const trpc = useTRPC();
  return useQuery(trpc.cluster.overview.queryOptions({ cluster }, live));
}
