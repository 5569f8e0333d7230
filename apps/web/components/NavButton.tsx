'use client';

import type { Route } from 'next';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import type { Role } from '@/lib/trpc/types';
import { RoleGatedButton } from './RoleGatedButton';

/**
 * Opens the page where an action that needs `requires` is prepared (a new job, an upgrade). A
 * button rather than a link so a user without the role sees it disabled, with the reason,
 * instead of reaching a page whose every action would refuse them.
 */
export function NavButton({
  requires,
  href,
  showReason,
  children,
}: {
  requires: Role;
  href: Route;
  /** False where buttons stand side by side and the page says the reason once. */
  showReason?: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <RoleGatedButton
      requires={requires}
      showReason={showReason}
      className="button-quiet"
      onClick={() => router.push(href)}
    >
      {children}
    </RoleGatedButton>
  );
}
