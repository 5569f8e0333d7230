'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { useTRPC } from '@/lib/trpc/context';
import type { Snapshot } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { RoleGatedButton } from '../RoleGatedButton';
import { ConfirmDialog } from './ConfirmDialog';

/** Deletes a savepoint's files; the engine keeps its row in the history, marked disposed. */
export function DisposeSavepoint({ jobId, savepoint }: { jobId: string; savepoint: Snapshot }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation(
    trpc.savepoints.dispose.mutationOptions({
      onSuccess: () => setOpen(false),
      onSettled: () => queryClient.invalidateQueries(trpc.savepoints.list.pathFilter()),
    }),
  );
  return (
    <>
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Dispose…
      </RoleGatedButton>
      <ConfirmDialog
        open={open}
        title={`Dispose of savepoint ${savepoint.checkpointId} of job ${jobId}?`}
        confirmLabel="Dispose"
        busyLabel="Disposing…"
        busy={mutation.isPending}
        onConfirm={() => mutation.mutate({ cluster, jobId, checkpointId: savepoint.checkpointId })}
        onClose={() => setOpen(false)}
      >
        <p>
          Its files are deleted and the job can no longer be restored from it. This cannot be
          undone.
        </p>
        {savepoint.path ? <code className="path-text">{savepoint.path}</code> : null}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The savepoint was not disposed of. {describeError(mutation.error)}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
