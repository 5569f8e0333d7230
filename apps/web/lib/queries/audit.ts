'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/context';
import type { AuditFilters } from '../trpc/types';
import { HISTORY_REFRESH_MS } from './refresh-intervals';

/** Audit rows matching `filters`, newest first, `pageSize` at a time. */
export function useAuditTrail(filters: AuditFilters, pageSize: number) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { ...filters, limit: pageSize },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: HISTORY_REFRESH_MS },
    ),
  );
}
