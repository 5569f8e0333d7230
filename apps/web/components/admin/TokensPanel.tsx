'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@/lib/format';
import { useTokens } from '@/lib/queries/admin';
import { useTRPC } from '@/lib/trpc/context';
import type { ApiToken } from '@/lib/trpc/types';
import { DataTable } from '../DataTable';
import { ErrorNotice } from '../ErrorNotice';
import { QueryState } from '../QueryState';
import { CreateTokenForm } from './CreateTokenForm';

function statusOf(token: ApiToken, now: number): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt && Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

export function TokensPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useTokens();
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.tokens.list.pathFilter()),
    }),
  );
  return (
    <section className="panel" aria-labelledby="tokens-heading">
      <h1 id="tokens-heading">API tokens</h1>
      <p className="muted small">
        For scripts and CI. A token acts with its own role; revoking it takes effect on its next
        request.
      </p>
      <CreateTokenForm />
      <ErrorNotice error={revoke.error} />
      <QueryState
        query={query}
        what="API tokens"
        isEmpty={(tokens) => tokens.length === 0}
        empty="No API tokens yet."
      >
        {(tokens) => (
          <DataTable
            label="API tokens"
            columns={[
              { header: 'Name', cell: (t) => <span className="mono">{t.name}</span> },
              { header: 'Starts with', cell: (t) => <span className="mono">{t.prefix}…</span> },
              { header: 'Role', cell: (t) => t.role },
              {
                header: 'Created',
                cell: (t) => (
                  <>
                    {formatDateTime(t.createdAt)} <span className="muted">by {t.createdBy}</span>
                  </>
                ),
              },
              {
                header: 'Expires',
                cell: (t) => (t.expiresAt ? formatDateTime(t.expiresAt) : 'never'),
              },
              {
                header: 'Status',
                cell: (t) => {
                  const status = statusOf(t, query.dataUpdatedAt);
                  return (
                    <span className={`badge badge-${status === 'active' ? 'ok' : 'idle'}`}>
                      {status}
                    </span>
                  );
                },
              },
              {
                header: 'Actions',
                cell: (t) => (
                  <button
                    type="button"
                    className="button-quiet"
                    disabled={statusOf(t, query.dataUpdatedAt) === 'revoked' || revoke.isPending}
                    onClick={() => revoke.mutate({ name: t.name })}
                  >
                    Revoke
                  </button>
                ),
              },
            ]}
            rows={tokens}
            rowKey={(t) => t.name}
            rowProps={(t) => ({ 'data-testid': `token-row-${t.name}` })}
          />
        )}
      </QueryState>
    </section>
  );
}
