'use client';

import { useCallback, useEffect, useState } from 'react';

export interface PendingSavepoint {
  triggerId: string;
  /** Epoch ms when this page asked for it. */
  requestedAt: number;
}

const keyOf = (jobId: string) => `weir:pending-savepoint:${jobId}`;

function read(jobId: string): PendingSavepoint | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(keyOf(jobId)) ?? 'null');
    return typeof stored?.triggerId === 'string' && typeof stored?.requestedAt === 'number'
      ? stored
      : null;
  } catch {
    return null;
  }
}

/**
 * The savepoint this tab asked for and has not seen end, kept in session storage: the engine
 * goes on taking it when the page reloads, and the reloaded page picks up following it.
 */
export function usePendingSavepoint(jobId: string) {
  const [pending, setPending] = useState<PendingSavepoint | null>(null);
  // Read after mount: the server render has no session storage.
  useEffect(() => setPending(read(jobId)), [jobId]);

  const start = useCallback(
    (triggerId: string) => {
      const next = { triggerId, requestedAt: Date.now() };
      sessionStorage.setItem(keyOf(jobId), JSON.stringify(next));
      setPending(next);
    },
    [jobId],
  );
  /** Forgets the stored trigger once it ended; the caller keeps showing its outcome. */
  const end = useCallback(() => sessionStorage.removeItem(keyOf(jobId)), [jobId]);
  return { pending, start, end };
}
