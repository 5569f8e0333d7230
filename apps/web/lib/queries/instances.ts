'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { RESOURCES_REFRESH_MS } from './refresh-intervals';

/** The last hour of an instance's threads, as many points as a chart can show. */
export const RESOURCE_WINDOW_MINUTES = 60;
export const RESOURCE_POINTS = 120;

/** CPU, memory, event loop and GC of one instance's threads (asked through any instance). */
export function useInstanceResources(instanceId: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.instances.resources.queryOptions(
      { instanceId, windowMinutes: RESOURCE_WINDOW_MINUTES, points: RESOURCE_POINTS },
      { refetchInterval: RESOURCES_REFRESH_MS },
    ),
  );
}
