'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { parallelismProblems } from '@/lib/parallelism-problems';
import { useTRPC } from '@/lib/trpc/context';
import type { JobDetail } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useClusterId } from '@/lib/use-cluster-id';
import { RoleGatedButton } from '../RoleGatedButton';
import { ConfirmDialog } from './ConfirmDialog';
import { OperationProgress } from './OperationProgress';
import { ParallelismField } from './ParallelismField';

const IN_PLACE =
  "Flink's adaptive scheduler changes the running job's parallelism in place: its tasks restart at the new parallelism from their latest checkpoint.";

/**
 * Changes the job's parallelism: in place where the cluster can (Flink's adaptive scheduler),
 * else through a savepoint: the job stops and starts again at the new parallelism. The dialog
 * says which before, and follows the phases until the job runs again.
 */
export function RescaleDialog({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const inPlace = useAbility('rescaleInPlace');
  const [open, setOpen] = useState(false);
  const [parallelism, setParallelism] = useState(job.parallelism + 1);
  const mutation = useMutation(trpc.jobs.rescale.mutationOptions());
  const valid =
    parallelismProblems(job, parallelism).length === 0 && parallelism !== job.parallelism;

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
        onConfirm={() => mutation.mutate({ cluster, jobId: job.id, parallelism })}
        onClose={() => setOpen(false)}
      >
        <p>
          Currently running at parallelism {job.parallelism}
          {job.maxParallelism === null
            ? '.'
            : `, at most ${job.maxParallelism} (the job's key groups).`}{' '}
          {inPlace?.allowed ? IN_PLACE : inPlace?.reason}
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
            Choose a whole number
            {job.maxParallelism === null ? ' from 1' : ` from 1 to ${job.maxParallelism}`},
            different from the current one.
          </p>
        )}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The rescale was not started. {describeError(mutation.error)}
          </p>
        ) : null}
        {mutation.data ? <OperationProgress operationId={mutation.data.id} /> : null}
      </ConfirmDialog>
    </>
  );
}
