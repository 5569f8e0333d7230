'use client';

import { useCallback, useEffect, useState } from 'react';
import { useClusterId } from './use-cluster-id';

export interface PendingSavepoint {
  triggerId: string;
  /** Epoch ms when this page asked for it. */
  requestedAt: number;
}

/** Per cluster: job ids are unique only within their cluster. */
const keyOf = (cluster: string, jobId: string) => `weir:pending-savepoint:${cluster}/${jobId}`;

function read(key: string): PendingSavepoint | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null');
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
  const key = keyOf(useClusterId(), jobId);
  const [pending, setPending] = useState<PendingSavepoint | null>(null);
  // Read after mount: the server render has no session storage.
  useEffect(() => setPending(read(key)), [key]);

  const start = useCallback(
    (triggerId: string) => {
      const next = { triggerId, requestedAt: Date.now() };
      sessionStorage.setItem(key, JSON.stringify(next));
      setPending(next);
    },
    [key],
  );
  /** Forgets the stored trigger once it ended; the caller keeps showing its outcome. */
  const end = useCallback(() => sessionStorage.removeItem(key), [key]);
  return { pending, start, end };
}
