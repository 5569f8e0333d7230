import type { Metadata } from 'next';
import { TokensPanel } from '@/components/admin/TokensPanel';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage() {
  return <TokensPanel />;
}
