'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type InputProblem,
  inputProblems,
  type JarUpgradeInput,
  JarUpgradeInputSchema,
} from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { initialProgram, programRequest } from '@/lib/jar-program';
import { refusedField } from '@/lib/refused-field';
import { DEFAULT_ROLLBACK_SECONDS, rollbackAfterMs } from '@/lib/rollback-after';
import { useTRPC } from '@/lib/trpc/context';
import type { UploadedJar } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { JarProgramFields, PROGRAM_LABELS } from '../clusters/JarProgramFields';
import { FormProblems } from '../FormProblems';
import { AllowNonRestoredStateField } from '../job/AllowNonRestoredStateField';
import { ConfirmDialog } from '../job/ConfirmDialog';
import { OperationProgress } from '../job/OperationProgress';
import { RefusalNotice } from '../RefusalNotice';
import { RollbackAfterField } from './RollbackAfterField';

const LABELS: Record<string, string> = {
  ...PROGRAM_LABELS,
  rollbackAfterMs: 'Roll back after',
  allowNonRestoredState: 'Allow non-restored state',
};

interface Props {
  jobId: string;
  jar: UploadedJar;
  /** The job's parallelism now, which the new program keeps unless changed. */
  parallelism: number;
}

/**
 * What of the uploaded jar the job is to run, and with its state how: checked with the API's
 * own schema, then confirmed in a dialog that follows the upgrade through its phases to the
 * new job (or to the reason it was rolled back).
 */
export function JarUpgradeForm({ jobId, jar, parallelism }: Props) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [program, setProgram] = useState(() => initialProgram(jar, parallelism));
  const [allowNonRestoredState, setAllowNonRestoredState] = useState(false);
  const [rollbackSeconds, setRollbackSeconds] = useState(DEFAULT_ROLLBACK_SECONDS);
  const [problems, setProblems] = useState<InputProblem[]>([]);
  /** The request the dialog asks to confirm: the fields as they stood when it opened. */
  const [confirming, setConfirming] = useState<JarUpgradeInput | null>(null);
  const upgrade = useMutation(
    trpc.jars.upgrade.mutationOptions({
      // The job's page lists its operations: the new one shows there too.
      onSuccess: () => queryClient.invalidateQueries(trpc.jobs.operations.pathFilter()),
    }),
  );
  const refused = refusedField(upgrade.error, Object.keys(LABELS));
  const isInvalid = (field: string) =>
    problems.some((p) => p.field === field) || refused?.field === field;

  const review = (event: FormEvent) => {
    event.preventDefault();
    const rollback = rollbackAfterMs(rollbackSeconds);
    const request: JarUpgradeInput = {
      cluster,
      jobId,
      jarId: jar.jarId,
      ...programRequest(program),
      allowNonRestoredState,
      rollbackAfterMs: rollback.ok ? rollback.ms : 0,
    };
    const found = rollback.ok
      ? inputProblems(JarUpgradeInputSchema, request)
      : [{ field: 'rollbackAfterMs', message: rollback.problem }];
    setProblems(found);
    if (found.length > 0) return;
    upgrade.reset();
    setConfirming(request);
  };

  return (
    <>
      <form className="stacked-form jar-program" aria-label="Upgrade to the jar" onSubmit={review}>
        <JarProgramFields jar={jar} program={program} onChange={setProgram} isInvalid={isInvalid} />
        <AllowNonRestoredStateField
          checked={allowNonRestoredState}
          onChange={setAllowNonRestoredState}
        />
        <RollbackAfterField value={rollbackSeconds} what="program" onChange={setRollbackSeconds} />
        <div className="actions">
          <button type="submit" className="button-primary">
            Upgrade…
          </button>
        </div>
        <FormProblems problems={problems} labels={LABELS} />
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title={`Upgrade job ${jobId} to ${jar.fileName}`}
        confirmLabel="Upgrade"
        busyLabel="Starting…"
        busy={upgrade.isPending}
        done={upgrade.isSuccess}
        onConfirm={() => confirming && upgrade.mutate(confirming)}
        onClose={() => setConfirming(null)}
      >
        {confirming ? <UpgradeSummary request={confirming} /> : null}
        <RefusalNotice refused={refused} error={upgrade.error} labels={LABELS} />
        {upgrade.data ? <OperationProgress operationId={upgrade.data.id} /> : null}
      </ConfirmDialog>
    </>
  );
}

/** The confirmation in words: what will run, and what happens if it does not prove itself. */
function UpgradeSummary({ request }: { request: JarUpgradeInput }) {
  const seconds = request.rollbackAfterMs / 1000;
  return (
    <p>
      The job stops with a savepoint, then {request.entryClass ?? "the manifest's entry class"} runs
      from it at parallelism {request.parallelism},{' '}
      {request.args.length > 0 ? (
        <>
          with the arguments <code>{request.args.join(' ')}</code>
        </>
      ) : (
        'without arguments'
      )}
      , as a new Flink job with a new id.{' '}
      {seconds > 0
        ? `If it does not complete a checkpoint within ${seconds} s, the current program runs again from the savepoint.`
        : 'It is not rolled back automatically.'}
      {request.allowNonRestoredState
        ? ' State that no operator of the new program takes is dropped.'
        : ''}
    </p>
  );
}
