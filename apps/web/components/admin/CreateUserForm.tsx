'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateUserInputSchema } from '@weir/contract';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import type { Role } from '@/lib/trpc/types';
import { useInputCheck } from '@/lib/use-input-check';
import { ErrorNotice } from '../ErrorNotice';
import { FormProblems } from '../FormProblems';
import { RoleField } from './RoleSelect';
import { ShownOnce } from './ShownOnce';

const LABELS = { username: 'Username', role: 'Role', password: 'Password' };

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        setUsername('');
        setPassword('');
      },
      onSettled: () => queryClient.invalidateQueries(trpc.users.list.pathFilter()),
    }),
  );
  const check = useInputCheck(CreateUserInputSchema, create.mutate);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.submit({ username, role, password: password === '' ? undefined : password });
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Create user">
      <label>
        Username
        <input
          required
          value={username}
          aria-invalid={check.isInvalid('username')}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <RoleField value={role} onChange={setRole} />
      <label>
        Password
        <input
          type="password"
          autoComplete="new-password"
          placeholder="empty: generate one"
          value={password}
          aria-invalid={check.isInvalid('password')}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        Create user
      </button>
      {create.data?.password ? (
        <ShownOnce
          label={`Password of ${create.data.user.username}.`}
          secret={create.data.password}
          testId="generated-password"
        />
      ) : null}
      <FormProblems problems={check.problems} labels={LABELS} />
      <ErrorNotice error={create.error} />
    </form>
  );
}
