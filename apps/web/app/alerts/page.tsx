import type { Metadata } from 'next';
import { AlertCountsChart } from '@/components/alerts/AlertCountsChart';
import { AlertHistoryPanel } from '@/components/alerts/AlertHistoryPanel';
import { AlertRulesPanel } from '@/components/alerts/AlertRulesPanel';
import { CurrentAlertsPanel } from '@/components/alerts/CurrentAlertsPanel';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <>
      <CurrentAlertsPanel />
      <AlertCountsChart />
      <AlertHistoryPanel />
      <AlertRulesPanel />
    </>
  );
}
