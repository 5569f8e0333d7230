'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '@/lib/format';
import { useSilences } from '@/lib/queries/alerts';
import { roleReason } from '@/lib/roles';
import { useTRPC } from '@/lib/trpc/context';
import type { RouterOutputs } from '@/lib/trpc/types';
import { useRoleGate } from '@/lib/use-me';
import { type Column, DataTable } from '../DataTable';
import { ErrorNotice } from '../ErrorNotice';
import { QueryState } from '../QueryState';
import { RoleGatedButton } from '../RoleGatedButton';
import { CreateSilenceForm } from './CreateSilenceForm';

type Silence = RouterOutputs['alerts']['silences']['active'][number];

function ExpireSilence({ silence }: { silence: Silence }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const expire = useMutation(
    trpc.alerts.expireSilence.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.alerts.silences.pathFilter()),
          queryClient.invalidateQueries(trpc.alerts.current.pathFilter()),
        ]),
    }),
  );
  return (
    <>
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        disabled={expire.isPending}
        onClick={() => expire.mutate({ id: silence.id })}
      >
        Expire now
      </RoleGatedButton>
      <ErrorNotice error={expire.error} />
    </>
  );
}

const matcher = (value: string | null) => (
  <span className="mono">{value ?? <span className="muted">any</span>}</span>
);

const COLUMNS: Column<Silence>[] = [
  { header: 'Rule', cell: (s) => matcher(s.rule) },
  { header: 'Job', cell: (s) => matcher(s.job) },
  { header: 'Comment', cell: (s) => s.comment },
  { header: 'By', cell: (s) => s.createdBy },
  { header: 'Since', cellClass: () => 'nowrap', cell: (s) => formatDateTime(s.createdAt) },
  { header: 'Ends', cellClass: () => 'nowrap', cell: (s) => formatDateTime(s.endsAt) },
];

/** Silences in force (they mute matching incidents' notifications) and the latest ended. */
export function SilencesPanel() {
  const query = useSilences();
  const operator = useRoleGate('operator');
  return (
    <section className="panel" aria-labelledby="silences-heading">
      <h2 id="silences-heading">Silences</h2>
      <p className="muted small">
        A silenced incident still shows here, marked, but sends no notification until the silence
        ends; one that resolves meanwhile sends none at all.
        {operator.allowed ? null : ` Silencing: ${roleReason('operator')}.`}
      </p>
      {operator.allowed ? <CreateSilenceForm /> : null}
      <QueryState query={query} what="silences">
        {(silences) => (
          <>
            <h3>Active</h3>
            {silences.active.length === 0 ? (
              <p className="muted">Nothing is silenced.</p>
            ) : (
              <DataTable
                label="Active silences"
                columns={[
                  ...COLUMNS,
                  { header: 'Actions', cell: (s) => <ExpireSilence silence={s} /> },
                ]}
                rows={silences.active}
                rowKey={(s) => s.id}
              />
            )}
            <h3>Ended</h3>
            {silences.expired.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <DataTable
                label="Ended silences"
                columns={[
                  ...COLUMNS,
                  { header: 'Ended early by', cell: (s) => s.expiredBy ?? '—' },
                ]}
                rows={silences.expired}
                rowKey={(s) => s.id}
              />
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
