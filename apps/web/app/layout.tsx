import '@xyflow/react/dist/style.css';
import './globals.css';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LeaderBadge } from '@/components/LeaderBadge';
import { TRPCReactProvider } from '@/lib/trpc/provider';

export const metadata: Metadata = {
  title: { default: 'Weir console', template: '%s · Weir' },
  description: 'Control plane for Weir stream-processing clusters',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <header className="topbar">
            <Link href="/" className="brand">
              Weir
            </Link>
            <nav aria-label="Main">
              <Link href="/">Jobs</Link>
            </nav>
            <LeaderBadge />
          </header>
          <main className="content">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
