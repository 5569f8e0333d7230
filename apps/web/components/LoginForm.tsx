'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/lib/trpc/context';
import { ErrorNotice } from './ErrorNotice';

export function LoginForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      // A full load, so every panel starts with the new user's permissions.
      onSuccess: () => window.location.assign(next),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password });
  };

  return (
    <section className="panel login-panel" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in to Weir</h1>
      <form onSubmit={submit} className="stacked-form">
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button-primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorNotice error={login.error} />
      </form>
      <p className="muted small">
        On first start the engine creates the user <code>admin</code> and prints its password once
        in its log (or takes it from <code>WEIR_ADMIN_PASSWORD</code>).
      </p>
    </section>
  );
}
