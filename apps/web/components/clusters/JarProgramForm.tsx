'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type InputProblem, inputProblems, JarRunInputSchema } from '@weir/contract';
import Link from 'next/link';
import { useState } from 'react';
import { initialProgram, type JarProgram, programRequest } from '@/lib/jar-program';
import { jobPath } from '@/lib/paths';
import { refusedField } from '@/lib/refused-field';
import { useTRPC } from '@/lib/trpc/context';
import type { RouterInputs, UploadedJar } from '@/lib/trpc/types';
import { FormProblems } from '../FormProblems';
import { JobPlanPreview } from '../JobPlanPreview';
import { RefusalNotice } from '../RefusalNotice';
import { Spinner } from '../Spinner';
import { JarProgramFields, PROGRAM_LABELS } from './JarProgramFields';

type Request = RouterInputs['jars']['run'];

/**
 * What to run of an uploaded jar (see JarProgramFields). "Preview plan" shows the job graph
 * the program builds without running it; "Run" starts the job and links to it.
 */
export function JarProgramForm({ cluster, jar }: { cluster: string; jar: UploadedJar }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [program, setProgram] = useState(() => initialProgram(jar, 1));
  const plan = useMutation(trpc.jars.plan.mutationOptions());
  const run = useMutation(
    trpc.jars.run.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
    }),
  );
  const request: Request = { cluster, jarId: jar.jarId, ...programRequest(program) };
  const [problems, setProblems] = useState<InputProblem[]>([]);
  /** Sends the request as the fields stand, once the API's own schema takes it. */
  const send = (action: (request: Request) => void) => {
    const found = inputProblems(JarRunInputSchema, request);
    setProblems(found);
    if (found.length === 0) action(request);
  };
  // A preview shows the fields as they were when asked: any change puts it away.
  const edit = (changed: JarProgram) => {
    setProgram(changed);
    plan.reset();
  };
  const error = run.error ?? plan.error;
  const refused = refusedField(error, Object.keys(PROGRAM_LABELS));
  const isInvalid = (field: string) =>
    problems.some((p) => p.field === field) || refused?.field === field;
  const busy = plan.isPending || run.isPending;

  return (
    <form
      className="stacked-form jar-program"
      aria-label="Run the jar"
      // Enter in a field previews: starting a job takes a click on Run.
      onSubmit={(event) => {
        event.preventDefault();
        send(plan.mutate);
      }}
    >
      <JarProgramFields jar={jar} program={program} onChange={edit} isInvalid={isInvalid} />
      <div className="actions">
        <button type="submit" className="button-quiet" disabled={busy}>
          Preview plan
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          onClick={() => send(run.mutate)}
        >
          Run
        </button>
      </div>
      {busy ? (
        <p className="notice" role="status">
          <Spinner />{' '}
          {plan.isPending
            ? 'Flink is running the program to plan its job…'
            : 'Starting the job; waiting until it runs…'}
        </p>
      ) : null}
      <FormProblems problems={problems} labels={PROGRAM_LABELS} />
      <RefusalNotice refused={refused} error={error} labels={PROGRAM_LABELS} />
      {plan.data ? <JobPlanPreview plan={plan.data} /> : null}
      {run.data ? (
        <p className="notice notice-ok" role="status" data-testid="jar-job-started">
          Job{' '}
          <Link href={jobPath(cluster, run.data.jobId)} className="mono">
            {run.data.jobId}
          </Link>{' '}
          is running on {cluster}.
        </p>
      ) : null}
    </form>
  );
}
