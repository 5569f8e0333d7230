'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { formatDuration } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import type { ClusterOverview } from '@/lib/trpc/types';
import { ConfirmDialog } from '../job/ConfirmDialog';
import { RoleGatedButton } from '../RoleGatedButton';

/**
 * Moves leadership to a standby on purpose (before maintenance on the leader's machine, or to
 * test that failover works): the dialog names the current leader, the result the new one.
 */
export function FailoverAction({ cluster }: { cluster: ClusterOverview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // Named when the dialog opens: the overview refreshes underneath, and once the failover
  // succeeds it names the new leader, which must not rename the dialog being read.
  const [from, setFrom] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.cluster.failover.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.cluster.overview.pathFilter()),
    }),
  );
  const standbys = cluster.instances.filter((i) => i.role === 'standby').length;
  const leader = cluster.leader?.instanceId;
  const unavailable = !leader
    ? 'No instance leads right now.'
    : standbys === 0
      ? 'There is no standby to take over: start another engine instance first.'
      : null;
  return (
    <div className="trigger">
      <RoleGatedButton
        requires="operator"
        className="button-quiet"
        disabled={unavailable !== null || mutation.isPending}
        title={unavailable ?? undefined}
        onClick={() => {
          mutation.reset();
          setFrom(leader ?? null);
          setOpen(true);
        }}
      >
        Fail over leader…
      </RoleGatedButton>
      {unavailable && cluster.haMode === 'embedded' ? (
        <p className="muted small">
          This cluster runs the embedded HA mode (one instance): failover needs ZooKeeper mode.
        </p>
      ) : null}
      <ConfirmDialog
        open={open}
        title={`Move leadership away from ${from ?? 'the leader'}?`}
        confirmLabel="Fail over"
        busyLabel="Failing over…"
        busy={mutation.isPending}
        done={mutation.isSuccess}
        onConfirm={() => mutation.mutate()}
        onClose={() => setOpen(false)}
      >
        <p>
          <strong className="mono">{from}</strong> stops its jobs and steps down; one of the{' '}
          {standbys} standby instance{standbys === 1 ? '' : 's'} takes over and restores every job
          from its latest completed checkpoint. Records since that checkpoint are processed again.
        </p>
        {mutation.isSuccess ? (
          <p className="notice notice-ok" data-testid="failover-result" aria-live="polite">
            <span className="mono">{mutation.data.newLeader}</span> leads now (was{' '}
            <span className="mono">{mutation.data.previousLeader}</span>). Its jobs ran again{' '}
            {formatDuration(mutation.data.recoveryMs)} after it took over;{' '}
            {formatDuration(mutation.data.totalMs)} in all.
          </p>
        ) : null}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            Leadership did not move. {describeError(mutation.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
