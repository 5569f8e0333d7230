'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { useTRPC } from '@/lib/trpc/context';
import { ConfirmDialog } from '../job/ConfirmDialog';
import { RoleGatedButton } from '../RoleGatedButton';

/** Forgets a registered cluster (admins only); its jobs go on running there. */
export function RemoveCluster({ cluster }: { cluster: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation(
    trpc.clusters.remove.mutationOptions({
      onSuccess: () => setOpen(false),
      onSettled: () => queryClient.invalidateQueries(trpc.clusters.list.pathFilter()),
    }),
  );
  return (
    <>
      <RoleGatedButton
        requires="admin"
        showReason={false}
        className="button-quiet"
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Remove…
      </RoleGatedButton>
      <ConfirmDialog
        open={open}
        title={`Remove cluster ${cluster}?`}
        confirmLabel="Remove"
        busyLabel="Removing…"
        dismissLabel="Keep it"
        busy={mutation.isPending}
        onConfirm={() => mutation.mutate({ cluster })}
        onClose={() => setOpen(false)}
      >
        <p>
          The console stops showing it. Its jobs are not touched: they go on running on the cluster,
          and registering it again shows them again.
        </p>
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The cluster was not removed. {describeError(mutation.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
