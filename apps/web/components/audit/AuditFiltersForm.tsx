'use client';

import { type FormEvent, useState } from 'react';
import type { AuditFilters } from '@/lib/trpc/types';

/** datetime-local gives local wall time without a zone; the API wants an instant. */
const toInstant = (local: string) => (local === '' ? undefined : new Date(local).toISOString());
const orUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());

interface Props {
  onApply: (filters: AuditFilters) => void;
  /** Actions seen so far, offered as suggestions. */
  knownActions: string[];
}

export function AuditFiltersForm({ onApply, knownActions }: Props) {
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [jobId, setJobId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      actor: orUndefined(actor),
      action: orUndefined(action),
      jobId: orUndefined(jobId),
      from: toInstant(from),
      to: toInstant(to),
    });
  };

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Filter audit events">
      <label>
        User
        <input
          value={actor}
          placeholder="alice or token:ci"
          onChange={(e) => setActor(e.target.value)}
        />
      </label>
      <label>
        Action
        <input
          value={action}
          list="audit-actions"
          placeholder="savepoints.trigger"
          onChange={(e) => setAction(e.target.value)}
        />
        <datalist id="audit-actions">
          {knownActions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label>
        Job
        <input value={jobId} onChange={(e) => setJobId(e.target.value)} />
      </label>
      <label>
        From
        <input
          type="datetime-local"
          step={1}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </label>
      <label>
        To
        <input type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="button-primary">
        Apply filters
      </button>
    </form>
  );
}
