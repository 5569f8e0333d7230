'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import type { ApiToken } from '@/lib/trpc/types';
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
  const query = useQuery(trpc.tokens.list.queryOptions());
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
          <div className="table-scroll">
            <table aria-label="API tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => {
                  const status = statusOf(token, query.dataUpdatedAt);
                  return (
                    <tr key={token.name} data-testid={`token-row-${token.name}`}>
                      <td className="mono">{token.name}</td>
                      <td className="mono">{token.prefix}…</td>
                      <td>{token.role}</td>
                      <td>
                        {formatDateTime(token.createdAt)}{' '}
                        <span className="muted">by {token.createdBy}</span>
                      </td>
                      <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'never'}</td>
                      <td>
                        <span className={`badge badge-${status === 'active' ? 'ok' : 'idle'}`}>
                          {status}
                        </span>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button-quiet"
                          disabled={status === 'revoked' || revoke.isPending}
                          onClick={() => revoke.mutate({ name: token.name })}
                        >
                          Revoke
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
