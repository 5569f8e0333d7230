'use client';

import { EMBEDDED_CLUSTER, type LogLevel, LogLevelSchema, type LogLine } from '@weir/contract';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { formatDateTime, formatTimestamp } from '@/lib/format';
import { jobPath } from '@/lib/paths';
import { useClusterOverview } from '@/lib/queries/cluster';
import { LOG_PAGE, useLogs } from '@/lib/queries/logs';
import { QueryState } from '../QueryState';

const LEVELS = LogLevelSchema.options;
/** Lines "Show older" asks for at most (the API's limit). */
const MOST = 500;

const BADGE: Record<LogLevel, string> = {
  trace: 'badge-idle',
  debug: 'badge-idle',
  info: 'badge-ok',
  warn: 'badge-busy',
  error: 'badge-bad',
  fatal: 'badge-bad',
};

interface Props {
  /** Only this job's lines (the job page's Logs tab). */
  jobId?: string;
  /** The instance shown first; the leader when absent (it runs the jobs). */
  instanceId?: string;
}

/**
 * Engine log lines, newest first, of one instance at a time: filtered by level (at or above)
 * and text, and, with "Follow", new lines put on top as the instance logs them.
 */
export function LogsPanel({ jobId, instanceId }: Props) {
  // The engine's own instances: their logs are what this panel reads, whichever cluster.
  const cluster = useClusterOverview(EMBEDDED_CLUSTER);
  const [chosen, setChosen] = useState<string | undefined>(instanceId);
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [text, setText] = useState('');
  const [follow, setFollow] = useState(false);
  const [limit, setLimit] = useState(LOG_PAGE);
  const instances = cluster.data?.instances ?? [];
  const shown = chosen ?? cluster.data?.leader?.instanceId;
  const filters = {
    instanceId: shown,
    jobId,
    level: level || undefined,
    text: useDeferredValue(text.trim()) || undefined,
  };
  const { query, newestBefore } = useLogs(filters, limit, follow);
  return (
    <section className="panel" aria-labelledby="logs-heading">
      <h2 id="logs-heading">{jobId ? 'Logs' : `Logs of ${shown ?? 'the engine'}`}</h2>
      <div className="inline-form logs-filters">
        <label>
          Instance
          <select
            value={shown ?? ''}
            onChange={(e) => setChosen(e.target.value || undefined)}
            aria-label="Instance"
          >
            {shown === undefined ? <option value="">the one answering</option> : null}
            {shown !== undefined && !instances.some((i) => i.instanceId === shown) ? (
              <option value={shown}>{shown}</option>
            ) : null}
            {instances.map((i) => (
              <option key={i.instanceId} value={i.instanceId}>
                {i.instanceId} ({i.role})
              </option>
            ))}
          </select>
        </label>
        <label>
          Level
          <select
            value={level}
            onChange={(e) => setLevel(e.target.value as LogLevel | '')}
            aria-label="Level"
          >
            <option value="">any</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l} and above
              </option>
            ))}
          </select>
        </label>
        <label>
          Text
          <input
            type="search"
            value={text}
            maxLength={200}
            placeholder="contains…"
            onChange={(e) => setText(e.target.value)}
            aria-label="Text"
          />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
          Follow
        </label>
      </div>
      <QueryState
        query={query}
        what="log lines"
        isEmpty={(page) => page.lines.length === 0}
        empty={
          follow
            ? 'No matching lines yet; new ones show here as they are logged.'
            : 'No matching lines.'
        }
      >
        {(page) => (
          <>
            <p className="muted small" data-testid="logs-count">
              {page.lines.length} lines from {page.instanceId}
              {follow ? ', following' : ''}
            </p>
            <ol aria-label="Log lines" className="exception-list log-lines">
              {page.lines.map((l) => (
                <LogRow key={l.seq} line={l} showJob={!jobId} />
              ))}
            </ol>
            {newestBefore !== null && limit < MOST ? (
              <button type="button" onClick={() => setLimit(Math.min(MOST, limit + LOG_PAGE))}>
                Show older
              </button>
            ) : null}
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Fields every line has or the row shows already. */
const SHOWN = new Set([
  'level',
  'time',
  'msg',
  'service',
  'pid',
  'hostname',
  'job',
  'vertex',
  'subtask',
]);

/** The line's other fields, `key=value`, for a glance; the whole line is under "Line". */
function extraFields(line: string): string {
  try {
    const fields = JSON.parse(line) as Record<string, unknown>;
    const text = Object.entries(fields)
      .filter(([k]) => !SHOWN.has(k))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return text.length > 240 ? `${text.slice(0, 240)}…` : text;
  } catch {
    return '';
  }
}

function LogRow({ line, showJob }: { line: LogLine; showJob: boolean }) {
  const extra = extraFields(line.line);
  return (
    <li data-level={line.level} data-seq={line.seq}>
      <div>
        <time dateTime={line.at} title={formatDateTime(line.at)}>
          {formatTimestamp(line.at)}
        </time>{' '}
        <span className={`badge ${BADGE[line.level]}`}>{line.level}</span>{' '}
        <span className="muted small">
          {showJob && line.jobId ? (
            // Engine lines are about the jobs the engine runs: the embedded cluster's.
            <Link href={jobPath(EMBEDDED_CLUSTER, line.jobId, 'logs')}>{line.jobId}</Link>
          ) : null}
          {line.vertexId ? ` · ${line.vertexId}` : ''}
          {line.subtaskIndex === null ? '' : ` #${line.subtaskIndex}`}
        </span>{' '}
        <span>{line.msg}</span> {extra ? <span className="mono small muted">{extra}</span> : null}
      </div>
      <details>
        <summary>Line</summary>
        <pre className="stack">{line.line}</pre>
      </details>
    </li>
  );
}
