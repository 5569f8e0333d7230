'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import { useClusterId } from '@/lib/use-cluster-id';
import { ConfirmedAction } from '../ConfirmedAction';
import { CheckboxField } from './CheckboxField';

/** Stops the job at a savepoint, so it can later be restored exactly where it stopped. */
export function StopWithSavepoint({ jobId, disabled }: { jobId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [drain, setDrain] = useState(false);
  const mutation = useMutation(
    trpc.savepoints.stop.mutationOptions({
      // The job's status and both snapshot lists change; refresh them all at once.
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.savepoints.list.pathFilter()),
          queryClient.invalidateQueries(trpc.jobs.get.pathFilter()),
        ]),
    }),
  );
  return (
    <div className="trigger">
      <ConfirmedAction
        requires="operator"
        label="Stop with savepoint…"
        disabled={disabled}
        title={`Stop job ${jobId} with a savepoint?`}
        confirmLabel="Stop job"
        busyLabel="Stopping…"
        mutation={mutation}
        onConfirm={(close) => mutation.mutate({ cluster, jobId, drain }, { onSuccess: close })}
        failure="The job was not stopped."
      >
        <p>
          The job takes a savepoint and then stops; it processes nothing until it is restored from
          that savepoint.
        </p>
        <CheckboxField checked={drain} onChange={setDrain}>
          Drain first: fire every open window before stopping (use when the job will not be resumed)
        </CheckboxField>
      </ConfirmedAction>
      {mutation.isSuccess ? (
        <p className="notice notice-ok" data-testid="stop-success" aria-live="polite">
          Job stopped at savepoint {mutation.data.checkpointId}
          {mutation.data.path ? (
            <>
              {' '}
              (<code className="path-text">{mutation.data.path}</code>)
            </>
          ) : null}
          .
        </p>
      ) : null}
    </div>
  );
}
