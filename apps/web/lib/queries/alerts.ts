'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import { HISTORY_REFRESH_MS, HOURLY_CHART_REFRESH_MS, live } from './refresh-intervals';

/** Firing incidents and pending conditions. */
export function useCurrentAlerts() {
  const trpc = useTRPC();
  return useQuery(trpc.alerts.current.queryOptions(undefined, live));
}

/** Fired alerts, newest first, `pageSize` at a time. */
export function useAlertHistory(pageSize: number) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.alerts.history.infiniteQueryOptions(
      { limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: HISTORY_REFRESH_MS },
    ),
  );
}

/** Per-rule firing counts for each of the last `hours` hours. */
export function useAlertStats(hours: number) {
  const trpc = useTRPC();
  return useQuery(
    trpc.alerts.stats.queryOptions({ hours }, { refetchInterval: HOURLY_CHART_REFRESH_MS }),
  );
}

/** Rules change only when an admin changes them, and their forms refresh the list then. */
export function useAlertRules() {
  const trpc = useTRPC();
  return useQuery(trpc.alerts.rules.queryOptions());
}

/** Notification channels, the built-in webhook first; admins' forms refresh them. */
export function useAlertChannels() {
  const trpc = useTRPC();
  return useQuery(trpc.alerts.channels.queryOptions());
}

/** Which rules and jobs go to which channel. */
export function useAlertRoutes() {
  const trpc = useTRPC();
  return useQuery(trpc.alerts.routes.queryOptions());
}

/** Silences in force and the latest ended: one ends on its own, so the list follows time. */
export function useSilences() {
  const trpc = useTRPC();
  return useQuery(
    trpc.alerts.silences.queryOptions(undefined, { refetchInterval: HISTORY_REFRESH_MS }),
  );
}
