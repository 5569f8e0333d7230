'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { describeError, isNotFound, isRetriable } from '@/lib/describe-error';
import { formatBytes, formatDuration } from '@/lib/format';
import { usePendingSavepoint } from '@/lib/pending-savepoint';
import { useSavepointStatus } from '@/lib/queries/snapshots';
import { useTRPC } from '@/lib/trpc/context';
import { useClusterId } from '@/lib/use-cluster-id';
import { RoleGatedButton } from './RoleGatedButton';
import { Spinner } from './Spinner';

function summarise(durationMs: number | null, sizeBytes: number | null): string {
  const parts = [
    durationMs === null ? null : `took ${formatDuration(durationMs)}`,
    sizeBytes === null ? null : formatBytes(sizeBytes),
  ].filter((p) => p !== null);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * Takes a savepoint and follows it by its trigger id until the engine reports it complete or
 * failed. The id is kept in session storage, so a page reloaded meanwhile goes on following
 * the same savepoint (the engine keeps taking it) instead of losing track of it.
 */
export function TriggerSavepoint({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const { pending, start, end } = usePendingSavepoint(jobId);
  const refreshList = () => queryClient.invalidateQueries(trpc.savepoints.list.pathFilter());
  const mutation = useMutation(trpc.savepoints.trigger.mutationOptions({ onSettled: refreshList }));
  const status = useSavepointStatus(jobId, pending?.triggerId ?? null);
  // The call's own answer is the quickest news; the status poll covers a reloaded page.
  const outcome = mutation.isSuccess
    ? { status: 'COMPLETED' as const, savepoint: mutation.data, error: null }
    : status.data?.status === 'IN_PROGRESS'
      ? null
      : status.data;
  // Unknown to the engine, and not asked for from this page (a reloaded page follows another
  // page's trigger): the engine restarted, or that call never arrived. A poll that beat this
  // page's own trigger call to the engine also answers NOT_FOUND; that is no loss.
  const lost = pending !== null && mutation.isIdle && isNotFound(status.error);
  const inProgress = pending !== null && !outcome && !lost && !mutation.isError;

  // biome-ignore lint/correctness/useExhaustiveDependencies: act once per ending, not on every render
  useEffect(() => {
    if (outcome || lost) {
      end();
      void refreshList();
    }
  }, [outcome?.status, lost]);

  const trigger = () => {
    // After a failed call the same id joins the savepoint the engine may still be taking.
    const triggerId = mutation.isError && pending ? pending.triggerId : crypto.randomUUID();
    start(triggerId);
    mutation.mutate({ cluster, jobId, triggerId });
  };
  const taken = outcome?.savepoint ?? null;
  const elapsedMs = pending ? Math.max(0, status.dataUpdatedAt - pending.requestedAt) : 0;

  return (
    <div className="trigger">
      <RoleGatedButton
        requires="operator"
        className="button-primary"
        onClick={trigger}
        disabled={disabled || inProgress}
        aria-busy={inProgress}
      >
        {inProgress ? (
          <>
            <Spinner /> Taking savepoint…
          </>
        ) : (
          'Trigger savepoint'
        )}
      </RoleGatedButton>
      <div aria-live="polite" className="trigger-result">
        {inProgress ? (
          <p className="notice" data-testid="savepoint-in-progress">
            Savepoint in progress{elapsedMs > 0 ? `, ${formatDuration(elapsedMs)} so far` : ''}. It
            goes on if you leave or reload this page.
          </p>
        ) : null}
        {outcome?.status === 'COMPLETED' && taken ? (
          <p className="notice notice-ok" data-testid="savepoint-success">
            {`Savepoint ${taken.checkpointId} is complete${summarise(taken.durationMs, taken.sizeBytes)}. Stored at `}
            <code className="path-text" data-testid="savepoint-success-path">
              {taken.path ?? 'an unknown path'}
            </code>
          </p>
        ) : null}
        {outcome?.status === 'FAILED' || (mutation.isError && !outcome) ? (
          <p className="notice notice-bad" role="alert">
            The savepoint could not be taken. {outcome?.error ?? describeError(mutation.error)}
            {mutation.isError && isRetriable(mutation.error)
              ? ' You can try again in a moment.'
              : null}
          </p>
        ) : null}
        {lost ? (
          <p className="notice notice-bad" role="alert">
            The engine no longer knows the savepoint this page asked for (it may have restarted).
            Check the list below before triggering another.
          </p>
        ) : null}
      </div>
    </div>
  );
}
