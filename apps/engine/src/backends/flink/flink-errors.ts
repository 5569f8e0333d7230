import { WeirError } from '../../errors/weir-error.js';
import { ErrorBodySchema, type FlinkFailureCause } from './flink-schemas.js';
import { traceInWords } from './java-throwable.js';

/** What a request was, for messages: "GET /jobs/abc" on "the Flink cluster at http://...". */
export interface RequestDescription {
  method: string;
  path: string;
  restUrl: string;
}

const SERVER_SIDE = /^<Exception on server side:\s*([\s\S]*?)>?\s*$/;

/**
 * The cause in words of Flink's `{"errors": [...]}`. Each entry is a message or a whole Java
 * stack trace (2.x), or, in 1.x, a message followed by "<Exception on server side: trace>";
 * the deepest cause of the first trace is what went wrong.
 */
export function flinkErrorsInWords(errors: string[]): string {
  const texts = errors
    .map((entry) => SERVER_SIDE.exec(entry)?.[1] ?? entry)
    .map((entry) => entry.trim())
    .filter(Boolean);
  const trace = texts.find((text) => /\n\s+at /.test(text));
  if (trace) return traceInWords(trace);
  return texts.length > 0 ? texts.join('; ') : 'no error message';
}

/** A Java exception Flink put in an answer (`failure-cause`), in words. */
export function failureCauseInWords(cause: FlinkFailureCause): string {
  const trace = cause['stack-trace']?.trim();
  if (trace) return traceInWords(trace);
  return cause.class ?? 'no error message';
}

/**
 * A Weir error for a Flink answer that is not a success: the HTTP status picks the code (4xx are
 * the request's fault, 5xx the cluster's), the body gives the words.
 */
export function flinkResponseError(
  request: RequestDescription,
  status: number,
  body: unknown,
): WeirError {
  const parsed = ErrorBodySchema.safeParse(body);
  const cause = parsed.success
    ? flinkErrorsInWords(parsed.data.errors)
    : `HTTP ${status} without Flink's error body`;
  const message = `Flink (${request.restUrl}) refused ${request.method} ${request.path}: ${cause}`;
  if (status === 404) return new WeirError('NOT_FOUND', message, { domain: 'user' });
  if (status === 409) return new WeirError('CONFLICT', message, { domain: 'user' });
  if (status >= 400 && status < 500) {
    return new WeirError('INVALID_ARGUMENT', message, { domain: 'user' });
  }
  if (status === 502 || status === 503 || status === 504) {
    return new WeirError('UNAVAILABLE', message, { domain: 'external', retriable: true });
  }
  return new WeirError('INTERNAL', message, { domain: 'external' });
}

/** The cluster did not answer: refused, reset, unresolvable, or too slow. */
export function unreachableError(
  request: RequestDescription,
  error: unknown,
  timeoutMs: number,
): WeirError {
  const reason = isTimeout(error)
    ? `no answer within ${timeoutMs} ms`
    : networkReason(error as Error & { cause?: { code?: string; message?: string } });
  return new WeirError(
    'UNAVAILABLE',
    `Flink cluster at ${request.restUrl} is unreachable (${request.method} ${request.path}): ${reason}`,
    { domain: 'external', retriable: true, cause: error },
  );
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the JobManager running, and is the REST port right?)',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

function networkReason(error: Error & { cause?: { code?: string; message?: string } }): string {
  const code = error.cause?.code;
  if (code && NETWORK_CODES[code]) return NETWORK_CODES[code];
  return error.cause?.message ?? error.message;
}
