'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateTokenInputSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import type { Role } from '@/lib/trpc/types';
import { useInputCheck } from '@/lib/use-input-check';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { RoleField } from './RoleSelect';
import { ShownOnce } from './ShownOnce';

const LIFETIMES = [
  { label: 'never expires', days: undefined },
  { label: '7 days', days: 7 },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
] as const;

const LABELS = { name: 'Name', role: 'Role', expiresInDays: 'Lifetime' };

export function CreateTokenForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [lifetime, setLifetime] = useState(0);
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: () => setName(''),
      onSettled: () => queryClient.invalidateQueries(trpc.tokens.list.pathFilter()),
    }),
  );
  const check = useInputCheck(CreateTokenInputSchema, create.mutate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.submit({ name, role, expiresInDays: LIFETIMES[lifetime]?.days });
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Create API token">
      <label>
        Name
        <input
          required
          value={name}
          aria-invalid={check.isInvalid('name')}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <RoleField value={role} onChange={setRole} />
      <label>
        Lifetime
        <select value={lifetime} onChange={(e) => setLifetime(Number(e.target.value))}>
          {LIFETIMES.map((l, i) => (
            <option key={l.label} value={i}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        Create token
      </button>
      {create.data ? (
        <ShownOnce
          label={`Token ${create.data.info.name}: send it as "Authorization: Bearer <token>".`}
          secret={create.data.token}
          testId="new-token"
        />
      ) : null}
      <FormProblems problems={check.problems} labels={LABELS} />
      <ErrorNotice error={create.error} />
    </form>
  );
}
