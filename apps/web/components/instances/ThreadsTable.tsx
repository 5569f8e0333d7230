'use client';

import { type InstanceResources, MAX_PROFILE_SECONDS, type ThreadResources } from '@weir/contract';
import { useState } from 'react';
import { formatBytes } from '@/lib/format';
import { type Column, DataTable } from '../DataTable';
import { RoleGatedButton } from '../RoleGatedButton';
import { formatMs, formatPercent } from './resource-format';

export interface ProfileRequest {
  instanceId: string;
  threadId: number;
  seconds: number;
}

interface Props {
  resources: InstanceResources;
  /** Asks for a CPU profile; the page takes one at a time. */
  onProfile: (request: ProfileRequest) => void;
  profiling: boolean;
}

const DEFAULT_SECONDS = 10;

/** Seconds to profile for, and the button; the engine checks the bounds as well. */
function ProfileControl({
  thread,
  onProfile,
  busy,
}: {
  thread: ThreadResources;
  onProfile: (seconds: number) => void;
  busy: boolean;
}) {
  const [seconds, setSeconds] = useState(DEFAULT_SECONDS);
  return (
    <span className="profile-control">
      <input
        type="number"
        min={1}
        max={MAX_PROFILE_SECONDS}
        step={1}
        value={seconds}
        onChange={(e) => setSeconds(Number(e.target.value))}
        aria-label={`Seconds to profile ${thread.name}`}
      />
      s
      <RoleGatedButton
        requires="operator"
        showReason={false}
        className="button-quiet"
        disabled={busy}
        onClick={() => onProfile(seconds)}
        aria-label={`Profile ${thread.name}`}
      >
        Profile
      </RoleGatedButton>
    </span>
  );
}

/** Every thread of the instance with its latest sample and the subtasks it runs. */
export function ThreadsTable({ resources, onProfile, profiling }: Props) {
  const latest = (t: ThreadResources) => t.samples.at(-1);
  const columns: Column<ThreadResources>[] = [
    { header: 'Thread', cell: (t) => <span className="mono">{t.name}</span> },
    {
      header: 'Subtasks',
      cell: (t) =>
        t.subtasks.length === 0 ? (
          <span className="muted">{t.kind === 'main' ? 'API, job master, sampling' : '—'}</span>
        ) : (
          <ul className="subtask-list mono">
            {t.subtasks.map((s) => (
              <li key={`${s.vertexId}/${s.subtaskIndex}`}>
                {s.vertexId} #{s.subtaskIndex}
              </li>
            ))}
          </ul>
        ),
    },
    {
      header: 'CPU (of a core)',
      numeric: true,
      cell: (t) => formatPercent(latest(t)?.cpu ?? null),
    },
    {
      header: 'Event loop busy',
      numeric: true,
      cell: (t) => formatPercent(latest(t)?.eventLoopUtilization ?? null),
    },
    {
      header: 'Heap used / size',
      numeric: true,
      cell: (t) =>
        `${formatBytes(latest(t)?.heapUsedBytes ?? null)} / ${formatBytes(latest(t)?.heapTotalBytes ?? null)}`,
    },
    {
      header: 'Delay p99 / max',
      numeric: true,
      cell: (t) =>
        `${formatMs(latest(t)?.eventLoopDelayMs.p99 ?? null)} / ${formatMs(latest(t)?.eventLoopDelayMs.max ?? null)}`,
    },
    { header: 'GC pauses', numeric: true, cell: (t) => formatMs(latest(t)?.gcPauseMs ?? null) },
    {
      header: 'CPU profile',
      cell: (t) => (
        <ProfileControl
          thread={t}
          busy={profiling}
          onProfile={(seconds) =>
            onProfile({ instanceId: resources.instanceId, threadId: t.threadId, seconds })
          }
        />
      ),
    },
  ];
  return (
    <DataTable
      label={`Threads of ${resources.instanceId}`}
      columns={columns}
      rows={resources.threads}
      rowKey={(t) => t.threadId}
      rowProps={(t) => ({ 'data-testid': `thread-${t.kind}`, 'data-thread': t.name })}
    />
  );
}
