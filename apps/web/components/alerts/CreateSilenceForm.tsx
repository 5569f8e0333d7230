'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AddSilenceInputSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { refusedField } from '@/lib/refused-field';
import { useTRPC } from '@/lib/trpc/context';
import { useInputCheck } from '@/lib/use-input-check';
import { FormProblems } from '../FormProblems';
import { RefusalNotice } from '../RefusalNotice';

const LABELS = { rule: 'Rule', job: 'Job', endsAt: 'Ends', comment: 'Comment' };
const HOUR_MS = 3_600_000;

/** `ms` as a datetime-local input shows it: the browser's local time, to the minute. */
function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Silences the rules and jobs it names (either may be a pattern) from now until its end. */
export function CreateSilenceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [rule, setRule] = useState('');
  const [job, setJob] = useState('');
  const [ends, setEnds] = useState(() => localInputValue(Date.now() + HOUR_MS));
  const [comment, setComment] = useState('');
  const create = useMutation(
    trpc.alerts.addSilence.mutationOptions({
      onSuccess: () => setComment(''),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.alerts.silences.pathFilter()),
          queryClient.invalidateQueries(trpc.alerts.current.pathFilter()),
        ]),
    }),
  );
  const check = useInputCheck(AddSilenceInputSchema, create.mutate);
  const refused = refusedField(create.error, Object.keys(LABELS));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(ends);
    check.submit({
      rule: rule.trim() || undefined,
      job: job.trim() || undefined,
      endsAt: Number.isNaN(at.getTime()) ? ends : at.toISOString(),
      comment,
    });
  };
  const field = (
    field: keyof typeof LABELS,
    value: string,
    onChange: (value: string) => void,
    input: { placeholder?: string; type?: string; className?: string },
  ) => (
    <label>
      {LABELS[field]}
      <input
        {...input}
        value={value}
        aria-invalid={check.isInvalid(field)}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Create silence">
      {field('rule', rule, setRule, { placeholder: 'any, or a name / pattern', className: 'mono' })}
      {field('job', job, setJob, { placeholder: 'any, or an id / pattern', className: 'mono' })}
      {field('endsAt', ends, setEnds, { type: 'datetime-local' })}
      {field('comment', comment, setComment, { placeholder: 'why, e.g. planned maintenance' })}
      <button type="submit" className="button-primary" disabled={create.isPending}>
        Create silence
      </button>
      <FormProblems problems={check.problems} labels={LABELS} />
      <RefusalNotice refused={refused} error={create.error} labels={LABELS} />
    </form>
  );
}
