'use client';

import { useMemo, useState } from 'react';
import { useAuditTrail } from '@/lib/queries/audit';
import type { AuditFilters } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';

const PAGE = 50;

export function AuditPanel() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const query = useAuditTrail(filters, PAGE);
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
