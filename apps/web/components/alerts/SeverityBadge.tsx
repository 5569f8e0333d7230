import type { Severity } from '@/lib/trpc/types';

const TONE: Record<Severity, 'bad' | 'busy' | 'idle'> = {
  critical: 'bad',
  warning: 'busy',
  info: 'idle',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge-${TONE[severity]}`}>{severity}</span>;
}
