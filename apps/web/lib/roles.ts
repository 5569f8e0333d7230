import { type Role, hasRole as roleIncludes } from '@weir/contract';

/** The engine's own rule (one list of roles in @weir/contract), for a user who may be signed out. */
export function hasRole(actual: Role | undefined, required: Role): boolean {
  return actual !== undefined && roleIncludes(actual, required);
}

/** What a disabled control says, e.g. "Needs the operator role". */
export function roleReason(required: Role): string {
  return `Needs the ${required} role`;
}
