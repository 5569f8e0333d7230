'use client';

import Link from 'next/link';
import { hasRole } from '@/lib/roles';
import { useMe } from '@/lib/use-me';
import { LeaderBadge } from './LeaderBadge';
import { UserMenu } from './UserMenu';

/** Navigation, leader and user only once signed in: signed out, every call would be refused. */
export function TopBar() {
  const me = useMe().data;
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        Weir
      </Link>
      <nav aria-label="Main">
        {me ? (
          <>
            <Link href="/">Jobs</Link>
            <Link href="/clusters">Clusters</Link>
            <Link href="/instances">Instances</Link>
            <Link href="/alerts">Alerts</Link>
            <Link href="/audit">Audit</Link>
            {hasRole(me.role, 'admin') ? (
              <>
                <Link href="/admin/users">Users</Link>
                <Link href="/admin/tokens">API tokens</Link>
              </>
            ) : null}
          </>
        ) : null}
      </nav>
      {me ? (
        <>
          <LeaderBadge />
          <UserMenu me={me} />
        </>
      ) : null}
    </header>
  );
}
