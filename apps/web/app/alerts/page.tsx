import type { Metadata } from 'next';
import { AlertCountsChart } from '@/components/alerts/AlertCountsChart';
import { AlertHistoryPanel } from '@/components/alerts/AlertHistoryPanel';
import { AlertRulesPanel } from '@/components/alerts/AlertRulesPanel';
import { ChannelsPanel } from '@/components/alerts/ChannelsPanel';
import { CurrentAlertsPanel } from '@/components/alerts/CurrentAlertsPanel';
import { SilencesPanel } from '@/components/alerts/SilencesPanel';

export const metadata: Metadata = { title: 'Alerts' };

export default function AlertsPage() {
  return (
    <>
      <CurrentAlertsPanel />
      <AlertCountsChart />
      <AlertHistoryPanel />
      <AlertRulesPanel />
      <SilencesPanel />
      <ChannelsPanel />
    </>
  );
}
