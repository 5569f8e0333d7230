import { isServer, MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { isUnauthorized, redirectToLogin } from '../sign-in-redirect';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx (unknown job, bad input) will not get better by asking again.
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status !== undefined && status < 500) return false;
  }
  return failureCount < 2;
}

/** Any call answered UNAUTHORIZED (signed out, session expired) leads to the login page. */
function onError(error: unknown): void {
  if (!isServer && isUnauthorized(error)) redirectToLogin();
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        // Data older than one poll is stale anyway; this only stops duplicate fetches on mount.
        staleTime: 1_000,
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
      },
      // Mutations (savepoints, restores) are not idempotent: never retry them silently.
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One client per browser tab; a fresh one per server render so users never share a cache. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
