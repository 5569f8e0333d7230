'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EMBEDDED_CLUSTER, type JobSpecInput } from '@weir/contract';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { asNewJob } from '@/lib/new-job';
import { parseJobSpec } from '@/lib/parse-job-spec';
import { jobPath } from '@/lib/paths';
import { useTRPC } from '@/lib/trpc/context';
import { ErrorNotice } from '../ErrorNotice';
import { JobPlanPreview } from '../JobPlanPreview';
import { RoleGatedButton } from '../RoleGatedButton';
import { SpecProblems } from '../SpecProblems';
import { Spinner } from '../Spinner';
import { ExamplePicker } from './ExamplePicker';

// CodeMirror needs the DOM, and its chunk (with the schema tooling) is needed on this page only.
const JobSpecEditor = dynamic(() => import('./JobSpecEditor').then((m) => m.JobSpecEditor), {
  ssr: false,
  loading: () => (
    <p className="state state-loading" role="status">
      <Spinner /> Loading the editor…
    </p>
  ),
});

/** `spec` as the editor shows it, under an id of its own so that it starts a new job. */
const newJobText = (spec: JobSpecInput) => JSON.stringify(asNewJob(spec), null, 2);

/**
 * A new job for the embedded engine, written as its spec: started from `start` (an example or
 * another job's spec) or from any example, checked as one types, its plan previewed, then
 * submitted, after which the new job's page opens.
 */
export function JobSpecForm({ start }: { start: JobSpecInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const hintId = useId();
  const problemsId = useId();
  const [text, setText] = useState(() => newJobText(start));
  const plan = useMutation(trpc.jobs.plan.mutationOptions());
  const submit = useMutation(
    trpc.jobs.submit.mutationOptions({
      onSuccess: (job) => router.push(jobPath(EMBEDDED_CLUSTER, job.id)),
      onSettled: () => queryClient.invalidateQueries(trpc.jobs.list.pathFilter()),
    }),
  );
  const parsed = parseJobSpec(text);
  // A plan or a refusal is about the text as it was sent: an edit puts it away.
  const edit = (next: string) => {
    setText(next);
    plan.reset();
    submit.reset();
  };
  const busy = plan.isPending || submit.isPending || submit.isSuccess;

  return (
    <div className="stacked-form">
      <ExamplePicker onPick={(spec) => edit(newJobText(spec))} />
      <div className="field">
        <JobSpecEditor
          value={text}
          onChange={edit}
          label="Job spec (JSON)"
          describedBy={`${hintId} ${problemsId}`}
        />
        <p id={hintId} className="muted small">
          Ctrl+Space offers the fields and values that fit where the cursor is; hovering a field
          tells what it takes. Marked text is what the engine would refuse.
        </p>
      </div>
      <SpecProblems
        id={problemsId}
        lead="This spec cannot run yet:"
        problems={parsed.ok ? [] : parsed.problems}
      />
      <div className="actions">
        <RoleGatedButton
          requires="operator"
          showReason={false}
          className="button-quiet"
          disabled={!parsed.ok || busy}
          onClick={() => parsed.ok && plan.mutate({ spec: parsed.spec })}
        >
          Preview plan
        </RoleGatedButton>
        <RoleGatedButton
          requires="operator"
          className="button-primary"
          disabled={!parsed.ok || busy}
          onClick={() => parsed.ok && submit.mutate(parsed.spec)}
        >
          Submit
        </RoleGatedButton>
      </div>
      {busy ? (
        <p className="notice" role="status">
          <Spinner />{' '}
          {plan.isPending
            ? 'Planning the job…'
            : submit.isSuccess
              ? `Job ${submit.data.id} is ${submit.data.status.toLowerCase()}; opening its page…`
              : 'Starting the job…'}
        </p>
      ) : null}
      <ErrorNotice error={submit.error ?? plan.error} />
      {plan.data ? <JobPlanPreview plan={plan.data} /> : null}
    </div>
  );
}
