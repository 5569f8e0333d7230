import { TRPCClientError } from '@trpc/client';
import type { WeirErrorData } from '@weir/contract';

interface ErrorData {
  httpStatus?: number;
  zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  weir?: WeirErrorData | null;
}

/** Turns any error from a query or mutation into a sentence an operator can act on. */
export function describeError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as ErrorData | undefined;
    if (data?.zodError) {
      const fields = Object.entries(data.zodError.fieldErrors).map(
        ([field, problems]) => `${field}: ${(problems ?? []).join(', ')}`,
      );
      return `The request was not valid — ${[...data.zodError.formErrors, ...fields].join('; ')}.`;
    }
    if (data === undefined) {
      // No tRPC body at all: the console's own server did not answer (or answered HTML).
      return `The console server could not be reached (${error.message}). Check that it is running.`;
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * True when trying again may help: the engine said so, or nobody answered at all. Callers
 * word the advice themselves (queries retry on their own, mutations never do).
 */
export function isRetriable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as ErrorData | undefined;
  return data === undefined || data.weir?.retriable === true;
}

/** True when the API said the thing asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return (
    error instanceof TRPCClientError && (error.data as ErrorData | undefined)?.httpStatus === 404
  );
}
