'use client';

import { type ButtonHTMLAttributes, useId } from 'react';
import type { Role } from '@/lib/trpc/types';
import { useRoleGate } from '@/lib/use-me';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** The role the action behind this button needs; the engine checks it too. */
  requires: Role;
  /**
   * False in tables with a button per row: the reason is then only a tooltip and for screen
   * readers, and the page says it once.
   */
  showReason?: boolean;
}

/**
 * A button that is disabled, and says why, for users whose role may not take its action,
 * instead of letting them click and be refused.
 */
export function RoleGatedButton({
  requires,
  showReason = true,
  disabled,
  children,
  ...rest
}: Props) {
  const { allowed, reason } = useRoleGate(requires);
  const reasonId = useId();
  return (
    <>
      <button
        type="button"
        {...rest}
        disabled={disabled || !allowed}
        title={reason ?? rest.title}
        aria-describedby={reason ? reasonId : undefined}
      >
        {children}
      </button>
      {reason ? (
        <span
          id={reasonId}
          className={showReason ? 'gate-reason muted small' : 'visually-hidden'}
          data-testid="role-reason"
        >
          {reason}
        </span>
      ) : null}
    </>
  );
}
