'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { restorableSnapshots } from '@/lib/restorable-snapshots';
import { useTRPC } from '@/lib/trpc/context';
import type { JobDetail } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { RoleGatedButton } from '../RoleGatedButton';
import { CheckboxField } from './CheckboxField';
import { ConfirmDialog } from './ConfirmDialog';
import { OperationProgress } from './OperationProgress';
import { ParallelismField } from './ParallelismField';
import { RestoreCheckSummary } from './RestoreCheckSummary';
import { SnapshotChooser } from './SnapshotChooser';

const LISTED = 50;

/**
 * Restore in four steps on one screen: pick a snapshot, read the dry run, set parallelism and
 * allow-non-restored-state (the dry run follows each change), confirm and follow the phases.
 */
export function RestoreWizard({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [parallelism, setParallelism] = useState(job.parallelism);
  const [allowNonRestored, setAllowNonRestored] = useState(false);

  const checkpoints = useQuery({
    ...trpc.checkpoints.list.queryOptions({ jobId: job.id, limit: LISTED }),
    enabled: open,
  });
  const savepoints = useQuery({
    ...trpc.savepoints.list.queryOptions({ jobId: job.id, limit: LISTED }),
    enabled: open,
  });
  // Both lists must be in before anything is preselected, or the choice would jump once the
  // second arrives.
  const lists = {
    data:
      checkpoints.data && savepoints.data
        ? restorableSnapshots(checkpoints.data, savepoints.data)
        : undefined,
    error: checkpoints.error ?? savepoints.error,
    isPending: checkpoints.isPending || savepoints.isPending,
    dataUpdatedAt: Math.min(checkpoints.dataUpdatedAt, savepoints.dataUpdatedAt),
  };
  const snapshots = lists.data ?? [];
  // The newest snapshot is preselected, the usual choice after a bad deploy.
  const snapshotPath = chosen ?? snapshots[0]?.path ?? null;

  const validParallelism =
    Number.isInteger(parallelism) && parallelism >= 1 && parallelism <= job.maxParallelism;
  const request = {
    jobId: job.id,
    snapshotPath: snapshotPath ?? '',
    parallelism: validParallelism ? parallelism : job.parallelism,
    allowNonRestoredState: allowNonRestored,
  };
  const check = useQuery({
    ...trpc.jobs.restoreCheck.queryOptions(request, { placeholderData: keepPreviousData }),
    enabled: open && snapshotPath !== null,
    retry: false,
  });
  const mutation = useMutation(trpc.jobs.restore.mutationOptions());
  const sent = mutation.isPending || mutation.isSuccess;

  return (
    <>
      <RoleGatedButton
        requires="operator"
        className="button-quiet"
        onClick={() => {
          mutation.reset();
          setChosen(null);
          setParallelism(job.parallelism);
          setAllowNonRestored(false);
          setOpen(true);
        }}
      >
        Restore…
      </RoleGatedButton>
      <ConfirmDialog
        open={open}
        title={`Restore job ${job.id}`}
        confirmLabel="Restore"
        busyLabel="Starting…"
        busy={mutation.isPending}
        done={mutation.isSuccess}
        confirmDisabled={!check.data?.ok || check.isFetching || !validParallelism}
        onConfirm={() => mutation.mutate(request)}
        onClose={() => setOpen(false)}
      >
        <p>
          The job is stopped and started again from the chosen snapshot. Records after the snapshot
          are processed again from the sources.
        </p>
        <QueryState query={lists} what="the snapshots">
          {(rows) => (
            <SnapshotChooser
              snapshots={rows}
              chosenPath={snapshotPath}
              disabled={sent}
              onChoose={setChosen}
            />
          )}
        </QueryState>
        {snapshotPath === null ? null : (
          <>
            <fieldset disabled={sent}>
              <legend>2. Options</legend>
              <ParallelismField
                label="Parallelism"
                value={parallelism}
                max={job.maxParallelism}
                invalid={!validParallelism}
                onChange={setParallelism}
              />
              <CheckboxField checked={allowNonRestored} onChange={setAllowNonRestored}>
                Allow non-restored state: drop state whose operator is no longer in the job
              </CheckboxField>
            </fieldset>
            <h3>3. What the restore would do</h3>
            <QueryState query={check} what="the restore check">
              {(result) => <RestoreCheckSummary check={result} />}
            </QueryState>
          </>
        )}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The restore was not started. {describeError(mutation.error)}
          </p>
        ) : null}
        {mutation.data ? (
          <OperationProgress
            operationId={mutation.data.id}
            onEnd={() => queryClient.invalidateQueries(trpc.jobs.pathFilter())}
          />
        ) : null}
      </ConfirmDialog>
    </>
  );
}
