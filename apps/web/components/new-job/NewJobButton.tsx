'use client';

import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { newJobPath } from '@/lib/paths';
import { RoleGatedButton } from '../RoleGatedButton';

/**
 * Opens the new-job editor of `cluster`, starting from the spec of job `from` when given. A
 * button rather than a link so a viewer sees it disabled, with the reason: only operators
 * may start jobs.
 */
export function NewJobButton({
  cluster,
  from,
  children,
}: {
  cluster: string;
  from?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <RoleGatedButton
      requires="operator"
      className="button-quiet"
      onClick={() => router.push(newJobPath(cluster, from))}
    >
      {children}
    </RoleGatedButton>
  );
}
