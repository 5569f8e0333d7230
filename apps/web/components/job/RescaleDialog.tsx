'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { parallelismProblems } from '@/lib/parallelism-problems';
import { useTRPC } from '@/lib/trpc/context';
import type { JobDetail } from '@/lib/trpc/types';
import { RoleGatedButton } from '../RoleGatedButton';
import { ConfirmDialog } from './ConfirmDialog';
import { OperationProgress } from './OperationProgress';
import { ParallelismField } from './ParallelismField';

/**
 * Changes the job's parallelism: the engine takes a savepoint, stops and restores at the new
 * parallelism, so the dialog follows those phases until the job runs again.
 */
export function RescaleDialog({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [parallelism, setParallelism] = useState(job.parallelism + 1);
  const mutation = useMutation(trpc.jobs.rescale.mutationOptions());
  const valid =
    parallelismProblems(job, parallelism).length === 0 && parallelism !== job.parallelism;
  const refreshJob = () => queryClient.invalidateQueries(trpc.jobs.get.pathFilter());

  return (
    <>
      <RoleGatedButton
        requires="operator"
        className="button-quiet"
        disabled={job.status !== 'RUNNING'}
        onClick={() => {
          mutation.reset();
          setParallelism(job.parallelism + 1);
          setOpen(true);
        }}
      >
        Rescale…
      </RoleGatedButton>
      <ConfirmDialog
        open={open}
        title={`Rescale job ${job.id}`}
        confirmLabel="Rescale"
        busyLabel="Starting…"
        busy={mutation.isPending}
        confirmDisabled={!valid}
        done={mutation.isSuccess}
        onConfirm={() => mutation.mutate({ jobId: job.id, parallelism })}
        onClose={() => setOpen(false)}
      >
        <p>
          Currently running at parallelism {job.parallelism}, at most {job.maxParallelism} (the
          job's key groups). The job pauses briefly: it is stopped at a savepoint and restored at
          the new parallelism.
        </p>
        <ParallelismField
          label="New parallelism"
          value={parallelism}
          max={job.maxParallelism}
          invalid={!valid}
          disabled={mutation.isPending || mutation.isSuccess}
          onChange={setParallelism}
        />
        {valid || mutation.isSuccess ? null : (
          <p className="muted small">
            Choose a whole number from 1 to {job.maxParallelism}, different from the current one.
          </p>
        )}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The rescale was not started. {describeError(mutation.error)}
          </p>
        ) : null}
        {mutation.data ? (
          <OperationProgress operationId={mutation.data.id} onEnd={refreshJob} />
        ) : null}
      </ConfirmDialog>
    </>
  );
}
