'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type InputProblem, inputProblems, JarRunInputSchema } from '@weir/contract';
import Link from 'next/link';
import { useId, useState } from 'react';
import { jobPath } from '@/lib/paths';
import { programArgs } from '@/lib/program-args';
import { refusedField } from '@/lib/refused-field';
import { useTRPC } from '@/lib/trpc/context';
import type { RouterInputs, UploadedJar } from '@/lib/trpc/types';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { JobPlanPreview } from '../JobPlanPreview';
import { ParallelismField } from '../job/ParallelismField';
import { Spinner } from '../Spinner';

/** The form's words for the API's fields, for what the check or the engine refuses. */
const LABELS: Record<string, string> = {
  entryClass: 'Entry class',
  args: 'Program arguments',
  parallelism: 'Parallelism',
  jarId: 'Jar',
};

type Request = RouterInputs['jars']['run'];

/**
 * What to run of an uploaded jar: the entry class (one its manifest names, or any typed),
 * the program's arguments, the parallelism. "Preview plan" shows the job graph the program
 * builds without running it; "Run" starts the job and links to it.
 */
export function JarProgramForm({ cluster, jar }: { cluster: string; jar: UploadedJar }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const entryClassesId = useId();
  const [entryClass, setEntryClass] = useState(jar.entryClasses[0] ?? '');
  const [argsText, setArgsText] = useState('');
  const [parallelism, setParallelism] = useState(1);
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const plan = useMutation(trpc.jars.plan.mutationOptions());
  const run = useMutation(
    trpc.jars.run.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
    }),
  );
  const request: Request = {
    cluster,
    jarId: jar.jarId,
    entryClass: entryClass.trim() || undefined,
    args: programArgs(argsText),
    parallelism,
  };
  /** Sends the request as the fields stand, once the API's own schema takes it. */
  const send = (action: (request: Request) => void) => {
    const found = inputProblems(JarRunInputSchema, request);
    setProblems(found);
    if (found.length === 0) action(request);
  };
  // A preview shows the fields as they were when asked: any change puts it away.
  const edited = () => plan.reset();
  const error = run.error ?? plan.error;
  const refused = refusedField(error, Object.keys(LABELS));
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
      <label>
        Entry class
        <input
          list={entryClassesId}
          value={entryClass}
          placeholder="com.example.MyJob"
          autoComplete="off"
          aria-invalid={isInvalid('entryClass')}
          onChange={(e) => {
            setEntryClass(e.target.value);
            edited();
          }}
        />
      </label>
      <datalist id={entryClassesId}>
        {jar.entryClasses.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <p className="muted small">
        {jar.entryClasses.length > 0
          ? `The jar's manifest names ${jar.entryClasses.join(', ')}; any class of the jar with a main() can be typed instead.`
          : "The jar's manifest names no entry class: type the class whose main() to run."}
      </p>
      <label>
        Program arguments (one per line)
        <textarea
          rows={4}
          value={argsText}
          placeholder={'--input\nkafka:9092'}
          aria-invalid={isInvalid('args')}
          onChange={(e) => {
            setArgsText(e.target.value);
            edited();
          }}
        />
      </label>
      <ParallelismField
        label="Parallelism"
        value={parallelism}
        max={null}
        invalid={isInvalid('parallelism')}
        onChange={(value) => {
          setParallelism(value);
          edited();
        }}
      />
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
      <FormProblems problems={problems} labels={LABELS} />
      {refused ? (
        <p className="notice notice-bad" role="alert">
          Refused: {LABELS[refused.field]}: {refused.message}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
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
