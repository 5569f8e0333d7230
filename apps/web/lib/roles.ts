import type { Role } from './trpc/types';

// Typed against the API's role enum, so adding a role there fails the build here.
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(actual: Role | undefined, required: Role): boolean {
  return actual !== undefined && RANK[actual] >= RANK[required];
}

/** What a disabled control says, e.g. "Needs the operator role". */
export function roleReason(required: Role): string {
  return `Needs the ${required} role`;
}
