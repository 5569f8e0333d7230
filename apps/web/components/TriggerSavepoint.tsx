'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { describeError, isRetriable } from '@/lib/describe-error';
import { formatBytes, formatDuration } from '@/lib/format';
import { useTRPC } from '@/lib/trpc/context';
import { RoleGatedButton } from './RoleGatedButton';
import { Spinner } from './Spinner';

/**
 * The mutation resolves only once the savepoint is durable, so "pending" is exactly
 * "the savepoint is being taken" — no separate status polling is needed.
 */
function summarise(durationMs: number | null, sizeBytes: number | null): string {
  const parts = [
    durationMs === null ? null : `took ${formatDuration(durationMs)}`,
    sizeBytes === null ? null : formatBytes(sizeBytes),
  ].filter((p) => p !== null);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function TriggerSavepoint({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.savepoints.trigger.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.savepoints.list.pathFilter()),
    }),
  );
  const taken = mutation.data;
  // Kept across a failed attempt so that clicking again joins the savepoint the engine may
  // still be taking, instead of starting a second one; a fresh id only after a success.
  const triggerId = useRef<string | null>(null);
  const trigger = () => {
    if (triggerId.current === null || mutation.isSuccess) triggerId.current = crypto.randomUUID();
    mutation.mutate({ jobId, triggerId: triggerId.current });
  };

  return (
    <div className="trigger">
      <RoleGatedButton
        requires="operator"
        className="button-primary"
        onClick={trigger}
        disabled={disabled || mutation.isPending}
        aria-busy={mutation.isPending}
      >
        {mutation.isPending ? (
          <>
            <Spinner /> Taking savepoint…
          </>
        ) : (
          'Trigger savepoint'
        )}
      </RoleGatedButton>
      <div aria-live="polite" className="trigger-result">
        {mutation.isSuccess && taken ? (
          <p className="notice notice-ok" data-testid="savepoint-success">
            {`Savepoint ${taken.checkpointId} is complete${summarise(taken.durationMs, taken.sizeBytes)}. Stored at `}
            <code className="path-text" data-testid="savepoint-success-path">
              {taken.path ?? 'an unknown path'}
            </code>
          </p>
        ) : null}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The savepoint could not be taken. {describeError(mutation.error)}
            {isRetriable(mutation.error) ? ' You can try again in a moment.' : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
