'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import type { AuditFilters } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';

const PAGE = 50;
/** Slower than the live panels: new audit rows come from people, not from the job. */
const REFRESH_MS = 5_000;

export function AuditPanel() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilters>({});
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { ...filters, limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor, refetchInterval: REFRESH_MS },
    ),
  );
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.rows), [query.data]);
  const knownActions = useMemo(() => [...new Set(rows?.map((r) => r.action))].sort(), [rows]);

  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h1 id="audit-heading">Audit trail</h1>
      <p className="muted small">
        Every action taken through the API, allowed or refused, newest first. Nobody can change or
        delete these records through Weir.
      </p>
      <AuditFiltersForm onApply={setFilters} knownActions={knownActions} />
      <QueryState
        query={{ ...query, data: rows }}
        what="audit events"
        isEmpty={(r) => r.length === 0}
        empty="No audit events match these filters."
      >
        {(r) => <AuditTable rows={r} />}
      </QueryState>
      {query.hasNextPage ? (
        <button
          type="button"
          className="button-quiet"
          onClick={() => query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      ) : null}
    </section>
  );
}
