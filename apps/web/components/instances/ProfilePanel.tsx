'use client';

import type { CpuProfileResult } from '@weir/contract';
import { useEffect, useMemo } from 'react';
import { formatDateTime } from '@/lib/format';
import { ErrorNotice } from '../ErrorNotice';
import { Spinner } from '../Spinner';
import { FlameGraph } from './FlameGraph';
import type { ProfileRequest } from './ThreadsTable';

interface Props {
  /** The profile being taken, if one is. */
  pending: (ProfileRequest & { thread: string }) | null;
  result: CpuProfileResult | undefined;
  error: unknown;
}

/** V8's profile as a file for Chrome DevTools (Performance, "Load profile") or speedscope. */
function useDownload(result: CpuProfileResult | undefined) {
  const url = useMemo(
    () =>
      result
        ? URL.createObjectURL(new Blob([result.cpuprofile], { type: 'application/json' }))
        : null,
    [result],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const name = result
    ? `weir-${result.instanceId}-${result.thread.replace(/\W+/g, '-')}-${result.startedAt.replace(/[:.]/g, '-')}.cpuprofile`
    : '';
  return { url, name };
}

/** The CPU profile last taken from this page: while it is taken, then as a flame graph. */
export function ProfilePanel({ pending, result, error }: Props) {
  const download = useDownload(result);
  if (!pending && !result && !error) return null;
  return (
    <section className="panel" aria-labelledby="profile-heading">
      <div className="panel-head">
        <h2 id="profile-heading">
          {result && !pending
            ? `CPU profile of ${result.thread} on ${result.instanceId}`
            : 'CPU profile'}
        </h2>
        {result && download.url && !pending ? (
          <a href={download.url} download={download.name} className="button-quiet">
            Download .cpuprofile
          </a>
        ) : null}
      </div>
      {pending ? (
        <p className="state state-loading" role="status">
          <Spinner /> Profiling {pending.thread} on {pending.instanceId} for {pending.seconds} s…
        </p>
      ) : null}
      <ErrorNotice error={pending ? null : error} />
      {result && !pending ? (
        <>
          <p className="muted small" data-testid="profile-summary">
            {result.seconds} s from {formatDateTime(result.startedAt)},{' '}
            {result.tree.nodes[0]?.total ?? 0} samples every{' '}
            {(result.tree.sampleIntervalUs / 1000).toFixed(1)} ms.
          </p>
          <FlameGraph key={result.startedAt} tree={result.tree} />
        </>
      ) : null}
    </section>
  );
}
