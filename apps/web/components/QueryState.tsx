import type { ReactNode } from 'react';
import { describeError, isRetriable } from '@/lib/describe-error';
import { formatTime } from '@/lib/format';
import { Spinner } from './Spinner';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  dataUpdatedAt: number;
}

interface Props<T> {
  query: QueryLike<T>;
  /** What is being loaded, in words ("checkpoints"). */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * Loading, error and empty states in one place, so every panel behaves the same. When a
 * poll fails after earlier success, the last data stays on screen with a warning: an
 * operator is better served by slightly old numbers than by a blank panel.
 */
export function QueryState<T>({ query, what, isEmpty, empty, children }: Props<T>) {
  if (query.isPending) {
    return (
      <p className="state state-loading" role="status">
        <Spinner /> Loading {what}…
      </p>
    );
  }
  if (query.data === undefined) {
    return (
      <p className="state state-error" role="alert">
        Could not load {what}: {describeError(query.error)}
        {isRetriable(query.error) ? ' Retrying automatically.' : null}
      </p>
    );
  }
  const data = query.data;
  return (
    <>
      {query.error ? (
        <p className="state state-stale" role="alert">
          Showing {what} as of {formatTime(query.dataUpdatedAt)}; the latest refresh failed:{' '}
          {describeError(query.error)}
        </p>
      ) : null}
      {isEmpty?.(data) ? (
        <p className="state state-empty">{empty ?? `No ${what} yet.`}</p>
      ) : (
        children(data)
      )}
    </>
  );
}
