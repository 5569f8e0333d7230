'use client';

import type { DeadLetterFilter } from '@weir/contract';
import { useState } from 'react';
import { useTRPCClient } from '@/lib/trpc/context';
import { ErrorNotice } from '../ErrorNotice';
import { deadLettersAsJsonLines, exportFileName } from './export-dead-letters';

/** Downloads every kept dead letter the filter matches as a JSON-lines file. */
export function ExportDeadLetters({ filter }: { filter: DeadLetterFilter }) {
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const text = await deadLettersAsJsonLines((cursor) =>
        client.jobs.deadLetters.query({ ...filter, cursor, limit: 500 }),
      );
      const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(filter);
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={download} disabled={busy}>
        {busy ? 'Exporting…' : 'Export as JSON lines'}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
