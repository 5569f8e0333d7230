'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LogLevel, LogLine } from '@weir/contract';
import { useRef } from 'react';
import { useTRPC, useTRPCClient } from '../trpc/context';
import { LOG_FOLLOW_MS } from './refresh-intervals';

export interface LogFilters {
  /** The instance whose lines to read; the one the console reaches when absent. */
  instanceId?: string;
  jobId?: string;
  level?: LogLevel;
  text?: string;
}

/** Lines one page of the log view asks for, and the most it keeps while following. */
export const LOG_PAGE = 200;
export const LOG_VIEW_MOST = 1_000;

/**
 * Engine log lines matching `filters`, newest first: the newest `limit`, then, while
 * `follow` is on, what the instance logs after them, polled with the `afterSeq` cursor and
 * put on top, at most LOG_VIEW_MOST lines in all (the oldest drop off).
 */
export function useLogs(filters: LogFilters, limit: number, follow: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const newest = useQuery(
    trpc.logs.query.queryOptions(
      { ...filters, limit },
      // Asked again only when the filters change: following adds what comes after.
      { placeholderData: keepPreviousData, staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const base = newest.isPlaceholderData ? undefined : newest.data;
  const key = JSON.stringify([filters, limit, base?.instanceId, base?.after]);
  // What following added since `base`, and the cursor to ask after; reset with the filters.
  const tail = useRef<{ key: string; lines: LogLine[]; after: number } | null>(null);
  if (tail.current?.key !== key) tail.current = base ? { key, lines: [], after: base.after } : null;
  const followed = useQuery({
    queryKey: ['logs.follow', key],
    enabled: follow && base !== undefined,
    refetchInterval: LOG_FOLLOW_MS,
    queryFn: async () => {
      const current = tail.current;
      if (!current || !base) return [];
      const page = await client.logs.query.query({
        ...filters,
        // Always the instance that answered the first page: cursors are per instance.
        instanceId: base.instanceId,
        afterSeq: current.after,
        limit: 500,
      });
      if (tail.current === current) {
        current.lines = [...page.lines, ...current.lines].slice(0, LOG_VIEW_MOST);
        current.after = page.after;
      }
      return current.lines;
    },
  });
  const added = follow ? (followed.data ?? []) : (tail.current?.lines ?? []);
  // Followed lines are all newer than the first page's (their cursor started after it).
  const lines = newest.data ? [...added, ...newest.data.lines].slice(0, LOG_VIEW_MOST) : undefined;
  return {
    query: {
      data: lines && newest.data ? { instanceId: newest.data.instanceId, lines } : undefined,
      error: newest.error ?? (follow ? followed.error : null),
      isPending: newest.isPending,
      dataUpdatedAt: Math.max(newest.dataUpdatedAt, follow ? followed.dataUpdatedAt : 0),
    },
    newestBefore: newest.data?.before ?? null,
  };
}
