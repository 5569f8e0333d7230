'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { useTRPC } from '@/lib/trpc/context';
import { useClusterId } from '@/lib/use-cluster-id';
import { RoleGatedButton } from '../RoleGatedButton';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Cancels the job without a savepoint: it stops at once, and a later submit or restore starts
 * from its newest retained checkpoint. "Stop with savepoint…" beside it is the way to keep a
 * savepoint of exactly where it stopped.
 */
export function CancelJob({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation(
    trpc.jobs.cancel.mutationOptions({
      onSuccess: () => setOpen(false),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.jobs.get.pathFilter()),
          queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
        ]),
    }),
  );
  return (
    <div className="trigger">
      <RoleGatedButton
        requires="operator"
        className="button-quiet"
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
        disabled={disabled || mutation.isPending}
      >
        Cancel job…
      </RoleGatedButton>
      <ConfirmDialog
        open={open}
        title={`Cancel job ${jobId}?`}
        confirmLabel="Cancel job"
        busyLabel="Cancelling…"
        dismissLabel="Keep it running"
        busy={mutation.isPending}
        onConfirm={() => mutation.mutate({ cluster, jobId })}
        onClose={() => setOpen(false)}
      >
        <p>
          The job stops at once, without a savepoint. Its retained checkpoints stay: submitting or
          restoring it later starts from the newest. To stop exactly at a savepoint, use “Stop with
          savepoint…” instead.
        </p>
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The job was not cancelled. {describeError(mutation.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
