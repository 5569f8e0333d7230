'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { formatTime } from '@/lib/format';
import { jobPath } from '@/lib/paths';
import { useJobOperation } from '@/lib/queries/jobs';
import type { JobOperation } from '@/lib/trpc/types';
import { useClusterId } from '@/lib/use-cluster-id';
import { QueryState } from '../QueryState';
import { Spinner } from '../Spinner';

interface Props {
  operationId: string;
  /** Called once when the operation ends, e.g. to refresh the job. */
  onEnd?: (operation: JobOperation) => void;
}

/** Follows a rescale or restore through its phases until it succeeds or fails. */
export function OperationProgress({ operationId, onEnd }: Props) {
  const query = useJobOperation(operationId);
  const cluster = useClusterId();
  const ended = query.data && query.data.status !== 'RUNNING' ? query.data : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: fire once per ending, not when the caller's callback identity changes
  useEffect(() => {
    if (ended) onEnd?.(ended);
  }, [ended?.status]);
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
          {op.status === 'FAILED' ? (
            <p className="notice notice-bad" role="alert">
              The {op.kind} failed: {op.error ?? 'no reason given'}
            </p>
          ) : null}
        </div>
      )}
    </QueryState>
  );
}
