import '@xyflow/react/dist/style.css';
import './globals.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TopBar } from '@/components/TopBar';
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
          <TopBar />
          <main className="content">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
