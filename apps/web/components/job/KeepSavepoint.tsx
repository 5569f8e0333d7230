'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/context';
import type { Snapshot } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGatedButton } from '../RoleGatedButton';

/**
 * Keeps a savepoint from retention, or gives a kept one back to it. Nothing is deleted either
 * way, so no confirmation: a wrong click is undone by the next.
 */
export function KeepSavepoint({ jobId, savepoint }: { jobId: string; savepoint: Snapshot }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.savepoints.keep.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.savepoints.list.pathFilter()),
    }),
  );
  const kept = Boolean(savepoint.keptBy);
  const { checkpointId } = savepoint;
  return (
    <>
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        title={
          kept
            ? 'Let retention dispose of it again'
            : 'Never dispose of it automatically; it can then be disposed of only once given back'
        }
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ cluster, jobId, checkpointId, keep: !kept })}
      >
        {kept ? 'Give back' : 'Keep'}
      </RoleGatedButton>
      <ErrorNotice error={mutation.error} />
    </>
  );
}
