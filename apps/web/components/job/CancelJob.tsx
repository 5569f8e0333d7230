'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import { useClusterId } from '@/lib/use-cluster-id';
import { ConfirmedAction } from '../ConfirmedAction';

/**
 * Cancels the job without a savepoint: it stops at once, and a later submit or restore starts
 * from its newest retained checkpoint. "Stop with savepoint…" beside it is the way to keep a
 * savepoint of exactly where it stopped.
 */
export function CancelJob({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.jobs.get.pathFilter()),
          queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
        ]),
    }),
  );
  return (
    <div className="trigger">
      <ConfirmedAction
        requires="operator"
        label="Cancel job…"
        disabled={disabled}
        title={`Cancel job ${jobId}?`}
        confirmLabel="Cancel job"
        busyLabel="Cancelling…"
        dismissLabel="Keep it running"
        mutation={mutation}
        onConfirm={(close) => mutation.mutate({ cluster, jobId }, { onSuccess: close })}
        failure="The job was not cancelled."
      >
        <p>
          The job stops at once, without a savepoint. Its retained checkpoints stay: submitting or
          restoring it later starts from the newest. To stop exactly at a savepoint, use “Stop with
          savepoint…” instead.
        </p>
      </ConfirmedAction>
    </div>
  );
}
