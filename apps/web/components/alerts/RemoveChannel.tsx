'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { ConfirmedAction } from '../ConfirmedAction';

/** Removes a channel and its routes (admins only); its delivery history stays. */
export function RemoveChannel({ id, name }: { id: number; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.alerts.removeChannel.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.alerts.channels.pathFilter()),
          queryClient.invalidateQueries(trpc.alerts.routes.pathFilter()),
        ]),
    }),
  );
  return (
    <ConfirmedAction
      requires="admin"
      showReason={false}
      label="Remove…"
      title={`Remove channel ${name}?`}
      confirmLabel="Remove"
      busyLabel="Removing…"
      dismissLabel="Keep it"
      mutation={mutation}
      onConfirm={(close) => mutation.mutate({ id }, { onSuccess: close })}
      failure="The channel was not removed."
    >
      <p>
        Its routes go with it, and notifications it still owed are given up. Rules that no other
        route matches go to the built-in webhook, if one is configured.
      </p>
    </ConfirmedAction>
  );
}
