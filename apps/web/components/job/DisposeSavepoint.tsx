'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import type { Snapshot } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { ConfirmedAction } from '../ConfirmedAction';

/** Deletes a savepoint's files; the engine keeps its row in the history, marked disposed. */
export function DisposeSavepoint({ jobId, savepoint }: { jobId: string; savepoint: Snapshot }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.savepoints.dispose.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.savepoints.list.pathFilter()),
    }),
  );
  const { checkpointId } = savepoint;
  return (
    <ConfirmedAction
      requires="operator"
      showReason={false}
      label="Dispose…"
      title={`Dispose of savepoint ${checkpointId} of job ${jobId}?`}
      confirmLabel="Dispose"
      busyLabel="Disposing…"
      mutation={mutation}
      onConfirm={(close) => mutation.mutate({ cluster, jobId, checkpointId }, { onSuccess: close })}
      failure="The savepoint was not disposed of."
    >
      <p>
        Its files are deleted and the job can no longer be restored from it. This cannot be undone.
      </p>
      {savepoint.path ? <code className="path-text">{savepoint.path}</code> : null}
    </ConfirmedAction>
  );
}
