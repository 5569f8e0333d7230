'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateRuleInputSchema, RULE_KINDS } from '@weir/contract';
import { type FormEvent, useId, useState } from 'react';
import { useJobs } from '@/lib/queries/jobs';
import { useTRPC } from '@/lib/trpc/context';
import type { RuleKind, Severity } from '@/lib/trpc/types';
import { useInputCheck } from '@/lib/use-input-check';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { NumberInput } from './NumberInput';
import { minutesToMs, RULE_FIELD_LABELS, THRESHOLD_UNIT } from './rule-units';
import { SeveritySelect } from './SeveritySelect';

/** Admins add rules beside each job's defaults, e.g. a stricter one at another severity. */
export function CreateRuleForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useJobs().data ?? [];
  const severityId = useId();
  const [jobId, setJobId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<RuleKind>('dead-letters');
  const [threshold, setThreshold] = useState(1);
  const [windowMinutes, setWindowMinutes] = useState(1);
  const [forMinutes, setForMinutes] = useState(0);
  const [severity, setSeverity] = useState<Severity>('warning');
  const create = useMutation(
    trpc.alerts.createRule.mutationOptions({
      onSuccess: () => setName(''),
      onSettled: () => queryClient.invalidateQueries(trpc.alerts.rules.pathFilter()),
    }),
  );
  const check = useInputCheck(CreateRuleInputSchema, create.mutate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.submit({
      jobId: jobId || (jobs[0]?.id ?? ''),
      name,
      kind,
      threshold,
      windowMs: minutesToMs(windowMinutes),
      forMs: minutesToMs(forMinutes),
      severity,
    });
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Add alert rule">
      <label>
        Job
        <select value={jobId || jobs[0]?.id} onChange={(e) => setJobId(e.target.value)}>
          {jobs.map((j) => (
            <option key={j.id} value={j.id}>
              {j.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        Rule name
        <input
          required
          value={name}
          aria-invalid={check.isInvalid('name')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <NumberInput
        caption={`Threshold (${THRESHOLD_UNIT[kind]})`}
        value={threshold}
        onChange={setThreshold}
      />
      <NumberInput caption="Window (min)" value={windowMinutes} onChange={setWindowMinutes} />
      <NumberInput caption="For (min)" value={forMinutes} onChange={setForMinutes} />
      <div className="field">
        <label htmlFor={severityId}>Severity</label>
        <SeveritySelect id={severityId} value={severity} onChange={setSeverity} />
      </div>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        Add rule
      </button>
      <FormProblems problems={check.problems} labels={RULE_FIELD_LABELS} />
      <ErrorNotice error={create.error} />
    </form>
  );
}
