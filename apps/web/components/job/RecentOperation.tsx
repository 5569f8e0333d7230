'use client';

import { describeError } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { useJobOperations } from '@/lib/queries/jobs';
import type { JobOperation } from '@/lib/trpc/types';
import { OperationProgress } from './OperationProgress';

/** How long a finished operation's outcome stays on the job page. */
const SHOWN_AFTER_END_MS = 2 * 60_000;

const TITLES: Record<JobOperation['kind'], string> = {
  restore: 'Restore',
  rescale: 'Rescale',
  upgrade: 'Upgrade',
};

const isRecent = (op: JobOperation, now: number) =>
  op.finishedAt === null || now - Date.parse(op.finishedAt) < SHOWN_AFTER_END_MS;

/**
 * The job's newest restore, rescale or upgrade while it runs and shortly after, found through
 * the engine rather than the page that started it: a reload or a second operator sees it too.
 */
export function RecentOperation({ jobId }: { jobId: string }) {
  const query = useJobOperations(jobId);
  if (query.error && !query.data) {
    return (
      <p className="state state-error" role="alert">
        Could not check for running operations: {describeError(query.error)}
      </p>
    );
  }
  const latest = query.data?.[0];
  // Loading, or nothing recent: the page has nothing to say about operations.
  if (!latest || !isRecent(latest, query.dataUpdatedAt)) return null;
  return (
    <section
      className="panel"
      aria-label={`Latest ${latest.kind}`}
      data-testid="recent-operation"
      data-operation-id={latest.id}
    >
      <h2>
        {TITLES[latest.kind]} started at {formatTime(latest.startedAt)}
      </h2>
      <OperationProgress operationId={latest.id} />
    </section>
  );
}
