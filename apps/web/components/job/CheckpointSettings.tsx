'use client';

import { formatDuration } from '@/lib/format';
import { useJob } from '@/lib/queries/jobs';
import type { CheckpointingSpec } from '@/lib/trpc/types';
import { QueryState } from '../QueryState';
import { NoSpec } from './NoSpec';

/** The job's checkpoint configuration, read from the spec it runs. */
export function CheckpointSettings({ jobId }: { jobId: string }) {
  // The job page polls this same query already; React Query shares the one result.
  const job = useJob(jobId);
  return (
    <section className="panel" aria-labelledby="checkpoint-settings-heading">
      <h2 id="checkpoint-settings-heading">Checkpoint configuration</h2>
      <QueryState query={job} what="the checkpoint configuration">
        {(detail) =>
          detail.spec ? (
            <SettingsList settings={detail.spec.checkpointing} />
          ) : (
            <NoSpec what="its checkpoint interval, timeout and retention" />
          )
        }
      </QueryState>
    </section>
  );
}

function SettingsList({ settings }: { settings: CheckpointingSpec }) {
  const rows: [string, string][] = [
    ['Interval', formatDuration(settings.intervalMs)],
    ['Timeout', formatDuration(settings.timeoutMs)],
    ['Minimum pause between checkpoints', formatDuration(settings.minPauseMs)],
    ['Maximum concurrent checkpoints', String(settings.maxConcurrent)],
    ['Tolerable consecutive failures', String(settings.tolerableFailures)],
    ['Completed checkpoints retained', String(settings.retained)],
    ['Retained when cancelled', settings.retainOnCancel ? 'yes' : 'no, deleted'],
  ];
  return (
    <dl className="facts" data-testid="checkpoint-settings">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
