'use client';

import { useMutation } from '@tanstack/react-query';
import { LOGIN_PATH } from '@/lib/sign-in-redirect';
import { useTRPC } from '@/lib/trpc/context';
import type { Me } from '@/lib/trpc/types';

/** Who is signed in, with which role, and the way out. */
export function UserMenu({ me }: { me: Me }) {
  const trpc = useTRPC();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      // Signed out or not, leave: a full load starts the next session with an empty cache.
      onSettled: () => window.location.assign(LOGIN_PATH),
    }),
  );
  return (
    <div className="user-menu" data-testid="user-menu">
      <span>
        <span data-testid="current-user">{me.name}</span>{' '}
        <span className="role-badge" data-testid="current-role">
          {me.role}
        </span>
      </span>
      {me.kind === 'user' ? (
        <button
          type="button"
          className="button-quiet"
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Sign out
        </button>
      ) : null}
    </div>
  );
}
