'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InputProblem } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { formatDateTime } from '@/lib/format';
import { useSavepointPolicy } from '@/lib/queries/snapshots';
import {
  describePolicy,
  POLICY_FIELD_LABELS,
  type PolicyFields,
  policyFields,
  policyFromFields,
} from '@/lib/savepoint-policy-fields';
import { useTRPC } from '@/lib/trpc/context';
import type { SavepointPolicy } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { QueryState } from '../QueryState';
import { RoleGatedButton } from '../RoleGatedButton';

const FIELD_NAMES = Object.keys(POLICY_FIELD_LABELS) as (keyof PolicyFields)[];

/** The policy as it stands, and the form that changes it, starting from it. */
function PolicyForm({ jobId, policy }: { jobId: string; policy: SavepointPolicy }) {
  const trpc = useTRPC();
  const cluster = useClusterId();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(() => policyFields(policy));
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const save = useMutation(
    trpc.savepoints.setPolicy.mutationOptions({
      // The answer is the policy as stored: shown at once, and the form starts from it again.
      onSuccess: (stored) =>
        queryClient.setQueryData(trpc.savepoints.policy.queryKey({ cluster, jobId }), stored),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = policyFromFields(fields);
    setProblems(parsed.ok ? [] : parsed.problems);
    if (parsed.ok) save.mutate({ cluster, jobId, policy: parsed.policy });
  };
  return (
    <>
      <p data-testid="savepoint-policy">
        {describePolicy(policy)}{' '}
        {policy.updatedBy && policy.updatedAt ? (
          <span className="muted small">
            Set by {policy.updatedBy} at {formatDateTime(policy.updatedAt)}.
          </span>
        ) : null}
      </p>
      <form onSubmit={submit} className="inline-form" aria-label="Savepoint schedule and retention">
        {FIELD_NAMES.map((name) => (
          <label key={name}>
            {POLICY_FIELD_LABELS[name]}
            <input
              type="number"
              min={0}
              step="any"
              className="narrow"
              placeholder="off"
              value={fields[name]}
              aria-invalid={problems.some((p) => p.field === name)}
              onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
            />
          </label>
        ))}
        <RoleGatedButton
          requires="operator"
          type="submit"
          className="button-primary"
          disabled={save.isPending}
        >
          Save policy
        </RoleGatedButton>
        <FormProblems problems={problems} labels={POLICY_FIELD_LABELS} />
        <ErrorNotice error={save.error} />
      </form>
    </>
  );
}

/**
 * The job's savepoint schedule and retention: what it is, who set it, and a form to change it
 * (blank fields switch that part off). The engine's leader carries it out.
 */
export function SavepointPolicyPanel({ jobId }: { jobId: string }) {
  const query = useSavepointPolicy(jobId);
  return (
    <section className="panel" aria-labelledby="savepoint-policy-heading">
      <h2 id="savepoint-policy-heading">Schedule and retention</h2>
      <p className="muted small">
        Kept savepoints, ones chosen for a restore and the job&apos;s newest savepoint are never
        disposed of.
      </p>
      <QueryState query={query} what="the savepoint schedule">
        {/* Keyed by when it was set: a newly stored policy fills the form afresh. */}
        {(policy) => <PolicyForm key={policy.updatedAt ?? 'never'} jobId={jobId} policy={policy} />}
      </QueryState>
    </section>
  );
}
