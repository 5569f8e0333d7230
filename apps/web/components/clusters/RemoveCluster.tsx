'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { ConfirmedAction } from '../ConfirmedAction';

/** Forgets a registered cluster (admins only); its jobs go on running there. */
export function RemoveCluster({ cluster }: { cluster: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.clusters.remove.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.clusters.list.pathFilter()),
    }),
  );
  return (
    <ConfirmedAction
      requires="admin"
      showReason={false}
      label="Remove…"
      title={`Remove cluster ${cluster}?`}
      confirmLabel="Remove"
      busyLabel="Removing…"
      dismissLabel="Keep it"
      mutation={mutation}
      onConfirm={(close) => mutation.mutate({ cluster }, { onSuccess: close })}
      failure="The cluster was not removed."
    >
      <p>
        The console stops showing it. Its jobs are not touched: they go on running on the cluster,
        and registering it again shows them again.
      </p>
    </ConfirmedAction>
  );
}
