'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { live } from './refresh-intervals';

/** Instances, the leader and its changes; the header's badge and the overview share it. */
export function useClusterOverview() {
  const trpc = useTRPC();
  return useQuery(trpc.cluster.overview.queryOptions(undefined, live));
}
