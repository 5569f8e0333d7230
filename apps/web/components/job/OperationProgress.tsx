'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { formatTime } from '@/lib/format';
import { jobPath } from '@/lib/paths';
import { useJobOperation } from '@/lib/queries/jobs';
import { useTRPC } from '@/lib/trpc/context';
import type { JobOperation } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { QueryState } from '../QueryState';
import { Spinner } from '../Spinner';

/**
 * Said before the engine's reason when an upgrade's new version (a spec, or a Flink job's
 * program) was abandoned for the old; the reason names where the old one runs now.
 */
const ROLLED_BACK = 'The upgrade was rolled back: what the job ran before runs again.';

/** True when an upgrade ended by starting the previous version again. */
const rolledBack = (op: JobOperation) =>
  op.status === 'FAILED' && op.phases.some((p) => p.phase === 'ROLLING_BACK');

/**
 * Follows a restore, rescale or upgrade through its phases until it succeeds or fails. Its
 * end refreshes whatever of the job it may have changed: status, spec, versions, operations,
 * savepoints (a restore or an upgrade may take one).
 */
export function OperationProgress({ operationId }: { operationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useJobOperation(operationId);
  const cluster = useClusterId();
  const ended = query.data && query.data.status !== 'RUNNING' ? query.data.status : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per ending, not per render
  useEffect(() => {
    if (!ended) return;
    void queryClient.invalidateQueries(trpc.jobs.pathFilter());
    void queryClient.invalidateQueries(trpc.savepoints.list.pathFilter());
  }, [ended]);
  return (
    <QueryState query={query} what="the operation's progress">
      {(op) => (
        <div aria-live="polite" data-testid="operation-progress" data-status={op.status}>
          <ol className="phases">
            {op.phases.map((p) => (
              <li key={`${p.phase}-${p.at}`}>
                {formatTime(p.at)} {p.phase.replaceAll('_', ' ').toLowerCase()}
              </li>
            ))}
          </ol>
          {op.status === 'RUNNING' ? (
            <p>
              <Spinner /> {op.phase.replaceAll('_', ' ').toLowerCase()}…
            </p>
          ) : null}
          {op.status === 'SUCCEEDED' ? (
            <p className="notice notice-ok">
              Done.
              {op.resultJobId ? (
                <>
                  {' '}
                  The job runs on as a new job:{' '}
                  <Link href={jobPath(cluster, op.resultJobId)}>{op.resultJobId}</Link>.
                </>
              ) : null}
            </p>
          ) : null}
          {rolledBack(op) ? (
            <div className="notice notice-bad" role="alert" data-testid="rolled-back">
              <strong>{ROLLED_BACK}</strong>
              <p>{op.error ?? 'No reason given.'}</p>
            </div>
          ) : op.status === 'FAILED' ? (
            <p className="notice notice-bad" role="alert">
              The {op.kind} failed: {op.error ?? 'no reason given'}
            </p>
          ) : null}
        </div>
      )}
    </QueryState>
  );
}
