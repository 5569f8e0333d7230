'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EMBEDDED_CLUSTER, type JobSpecInput } from '@weir/contract';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { asNewJob } from '@/lib/new-job';
import { parseJobSpec } from '@/lib/parse-job-spec';
import { jobPath } from '@/lib/paths';
import { useTRPC } from '@/lib/trpc/context';
import { ErrorNotice } from '../ErrorNotice';
import { JobPlanPreview } from '../JobPlanPreview';
import { Spinner } from '../Spinner';
import { ExamplePicker } from './ExamplePicker';
import { SpecActions } from './SpecActions';
import { SpecField } from './SpecField';

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
      <SpecField
        value={text}
        onChange={edit}
        lead="This spec cannot run yet:"
        problems={parsed.ok ? [] : parsed.problems}
      />
      <SpecActions
        checkLabel="Preview plan"
        onCheck={() => parsed.ok && plan.mutate({ spec: parsed.spec })}
        actLabel="Submit"
        onAct={() => parsed.ok && submit.mutate(parsed.spec)}
        disabled={!parsed.ok || busy}
      />
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
