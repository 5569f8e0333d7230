'use client';

import { useMutation } from '@tanstack/react-query';
import { inputProblems, RestoreInputSchema } from '@weir/contract';
import { useState } from 'react';
import { describeError } from '@/lib/describe-error';
import { parallelismProblems } from '@/lib/parallelism-problems';
import { parseJobSpec } from '@/lib/parse-job-spec';
import { useRestoreCheck } from '@/lib/queries/jobs';
import { useRestoreCandidates } from '@/lib/queries/snapshots';
import { preselectedSnapshot, restorableSnapshots } from '@/lib/restorable-snapshots';
import { useTRPC } from '@/lib/trpc/context';
import type { JobDetail } from '@/lib/trpc/types';
import { useAbility } from '@/lib/use-ability';
import { useClusterId } from '@/lib/use-cluster-id';
import { QueryState } from '../QueryState';
import { RoleGatedButton } from '../RoleGatedButton';
import { AllowNonRestoredStateField } from './AllowNonRestoredStateField';
import { ConfirmDialog } from './ConfirmDialog';
import { JobGraphField } from './JobGraphField';
import { OperationProgress } from './OperationProgress';
import { ParallelismField } from './ParallelismField';
import { RestoreCheckSummary } from './RestoreCheckSummary';
import { SnapshotChooser } from './SnapshotChooser';

const LISTED = 50;
const NO_SPEC_TO_CHANGE =
  'A Flink job runs a jar, not a Weir job spec: there is no graph here to change. It starts again from the snapshot with the jar it runs.';

/**
 * Restore in steps on one screen: pick a snapshot, keep the job graph or paste a changed one,
 * set parallelism and allow-non-restored-state, read the dry run (it follows each change),
 * confirm and follow the phases.
 */
export function RestoreWizard({ job }: { job: JobDetail }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const dryRun = useAbility('restoreCheck');
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const [parallelism, setParallelism] = useState(job.parallelism);
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const [graphChanged, setGraphChanged] = useState(false);
  const [specText, setSpecText] = useState('');

  const { checkpoints, savepoints } = useRestoreCandidates(job.id, LISTED, open);
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
  // The newest snapshot is preselected, the usual choice after a bad deploy, and stays chosen
  // while newer checkpoints arrive: what the operator read in the check is what gets restored.
  // Only from lists fetched since opening: the cached ones a (re)opened wizard shows first lack
  // the newest checkpoints, so nothing is chosen, checked or dry-run from them, or the choice
  // would move under the operator once the fresh lists arrive. Set during render, not in an
  // effect, so the first check already asks about it.
  const preselected =
    open && chosen === null ? preselectedSnapshot(lists.data, lists.dataUpdatedAt, openedAt) : null;
  if (preselected !== null) setChosen(preselected);
  const snapshotPath = chosen ?? preselected;

  const graph = graphChanged ? parseJobSpec(specText, job.id) : null;
  const parallelismRefused = parallelismProblems(job, parallelism);
  const validParallelism = parallelismRefused.length === 0;
  // A changed graph brings its own parallelism: one place to set it, not two that disagree.
  const request = {
    cluster,
    jobId: job.id,
    snapshotPath: snapshotPath ?? '',
    allowNonRestoredState: allowNonRestored,
    ...(graph?.ok
      ? { spec: graph.spec }
      : { parallelism: validParallelism ? parallelism : job.parallelism }),
  };
  // The restore's own schema also refuses a changed graph that still holds a redacted secret
  // (the spec was copied as the console shows it): named here, before any dry run is asked.
  const graphProblems =
    graph === null
      ? []
      : graph.ok
        ? inputProblems(RestoreInputSchema, request)
            .filter((p) => p.field === 'spec')
            .map((p) => `spec: ${p.message}`)
        : graph.problems;
  const ready = graph === null ? validParallelism : graphProblems.length === 0;
  const check = useRestoreCheck(
    request,
    open && snapshotPath !== null && graphProblems.length === 0 && dryRun?.allowed === true,
  );
  // Where the cluster has no dry run, the operator confirms on the snapshot and options alone.
  const checked = dryRun?.allowed === false || (check.data?.ok === true && !check.isFetching);
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
          setGraphChanged(false);
          // The current spec as it is now, the starting point of an edit.
          setSpecText(job.spec ? JSON.stringify(job.spec, null, 2) : '');
          setOpenedAt(Date.now());
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
        confirmDisabled={!checked || !ready}
        onConfirm={() => mutation.mutate(request)}
        onClose={() => setOpen(false)}
      >
        <p>
          The job is stopped and started again from the chosen snapshot
          {job.flink ? ', as a new Flink job with a new id' : ''}. Records after the snapshot are
          processed again from the sources.
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
            <JobGraphField
              unchangeable={job.spec ? null : NO_SPEC_TO_CHANGE}
              changed={graphChanged}
              text={specText}
              problems={graphProblems}
              disabled={sent}
              onChangedChange={setGraphChanged}
              onTextChange={setSpecText}
            />
            <fieldset disabled={sent}>
              <legend>3. Options</legend>
              {graph === null ? (
                <ParallelismField
                  label="Parallelism"
                  value={parallelism}
                  max={job.maxParallelism}
                  invalid={!validParallelism}
                  onChange={setParallelism}
                />
              ) : null}
              {graph === null && !validParallelism ? (
                <p className="muted small">
                  {parallelismRefused.map((p) => `Parallelism: ${p.message}`).join('; ')}
                </p>
              ) : null}
              <AllowNonRestoredStateField
                checked={allowNonRestored}
                onChange={setAllowNonRestored}
              />
            </fieldset>
            <h3>4. What the restore would do</h3>
            {dryRun?.allowed === false ? (
              <p className="state state-empty" data-testid="unavailable">
                {dryRun.reason}
              </p>
            ) : graphProblems.length > 0 ? (
              <p className="muted">Fix the job spec above to see what the restore would do.</p>
            ) : (
              <QueryState query={check} what="the restore check">
                {(result) => <RestoreCheckSummary check={result} />}
              </QueryState>
            )}
          </>
        )}
        {mutation.isError ? (
          <p className="notice notice-bad" role="alert">
            The restore was not started. {describeError(mutation.error)}
          </p>
        ) : null}
        {mutation.data ? <OperationProgress operationId={mutation.data.id} /> : null}
      </ConfirmDialog>
    </>
  );
}
