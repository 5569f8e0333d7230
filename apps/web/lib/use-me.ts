'use client';

import { useQuery } from '@tanstack/react-query';
import { hasRole, roleReason } from './roles';
import { useTRPC } from './trpc/context';
import type { Role } from './trpc/types';

/** The signed-in user (or token), null when signed out, undefined while loading. */
export function useMe() {
  const trpc = useTRPC();
  // Roles change rarely; once a minute is enough to notice a promotion without a reload.
  return useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
}

/**
 * Whether the current user may use a control that needs `required`, and if not, the reason
 * to show beside it. The engine enforces the same rule; this only spares a useless click.
 */
export function useRoleGate(required: Role): { allowed: boolean; reason: string | null } {
  const me = useMe();
  const allowed = hasRole(me.data?.role, required);
  return { allowed, reason: allowed || me.isPending ? null : roleReason(required) };
}
