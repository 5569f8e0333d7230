import type { Metadata } from 'next';
import { AuditPanel } from '@/components/audit/AuditPanel';

export const metadata: Metadata = { title: 'Audit trail' };

export default function AuditPage() {
  return <AuditPanel />;
}
