import { z } from 'zod';
import { WeirError } from '../../errors/weir-error.js';
import { flinkResponseError, type RequestDescription, unreachableError } from './flink-errors.js';

export interface FlinkRestClientOptions {
  /** e.g. `http://127.0.0.1:8081`; a trailing slash is ignored. */
  restUrl: string;
  /** Bound on every call, connect to last byte. */
  timeoutMs?: number;
  /** Bound on an answer's body: a larger one is refused, not buffered. */
  maxBodyBytes?: number;
  /** Sent with every call (e.g. `authorization` for a cluster behind a proxy). */
  headers?: Record<string, string>;
  /**
   * Told after every call whether Flink answered at all (any HTTP status) or could not be
   * reached (refused, timed out): the registry's "unreachable since …".
   */
  onReachability?: (outcome: Reachability) => void;
}

export type Reachability = { reached: true } | { reached: false; error: string };

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

type Body = { json: unknown } | { form: FormData };

/** For one call: a longer bound than the client's (an upload of a large jar takes a while). */
export interface CallOptions {
  timeoutMs?: number;
}

/**
 * Calls to one Flink cluster's REST API. Every call has a timeout and a bound on the answer's
 * size; answers are checked against a (tolerant) schema; failures become WeirErrors whose
 * message names the cluster, the call and the cause in words.
 */
export class FlinkRestClient {
  readonly restUrl: string;
  readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly headers: Record<string, string>;
  private readonly onReachability: (outcome: Reachability) => void;

  constructor(options: FlinkRestClientOptions) {
    this.restUrl = options.restUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.headers = options.headers ?? {};
    this.onReachability = options.onReachability ?? (() => {});
  }

  get<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
    return this.call('GET', path, undefined, schema);
  }

  post<T extends z.ZodType>(
    path: string,
    body: Body,
    schema: T,
    options: CallOptions = {},
  ): Promise<z.output<T>> {
    return this.call('POST', path, body, schema, options);
  }

  patch<T extends z.ZodType>(path: string, schema: T): Promise<z.output<T>> {
    return this.call('PATCH', path, undefined, schema);
  }

  put<T extends z.ZodType>(path: string, body: Body, schema: T): Promise<z.output<T>> {
    return this.call('PUT', path, body, schema);
  }

  private async call<T extends z.ZodType>(
    method: string,
    path: string,
    body: Body | undefined,
    schema: T,
    options: CallOptions = {},
  ): Promise<z.output<T>> {
    const request: RequestDescription = { method, path, restUrl: this.restUrl };
    const { status, json } = await this.exchange(
      request,
      body,
      options.timeoutMs ?? this.timeoutMs,
    );
    if (status < 200 || status >= 300) throw flinkResponseError(request, status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new WeirError(
        'INTERNAL',
        `Flink (${this.restUrl}) answered ${method} ${path} in a shape Weir does not know: ${z.prettifyError(parsed.error)}`,
        { domain: 'external' },
      );
    }
    return parsed.data;
  }

  /** Sends the request and reads the whole answer, within the timeout and the size bound. */
  private async exchange(
    request: RequestDescription,
    body: Body | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; json: unknown }> {
    const signal = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers };
    let payload: string | FormData | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      payload = body.form;
    }
    let text: string;
    let status: number;
    try {
      const response = await fetch(`${this.restUrl}${request.path}`, {
        method: request.method,
        headers,
        body: payload,
        signal,
      });
      status = response.status;
      text = await this.readBounded(request, response);
    } catch (error) {
      if (error instanceof WeirError) throw error;
      const unreachable = unreachableError(request, error, timeoutMs);
      this.onReachability({ reached: false, error: unreachable.message });
      throw unreachable;
    }
    this.onReachability({ reached: true });
    if (text.trim() === '') return { status, json: {} };
    try {
      return { status, json: JSON.parse(text) };
    } catch {
      throw new WeirError(
        'INTERNAL',
        `Flink (${this.restUrl}) answered ${request.method} ${request.path} with HTTP ${status} and a body that is not JSON: ${text.slice(0, 200)}`,
        { domain: 'external' },
      );
    }
  }

  private async readBounded(request: RequestDescription, response: Response): Promise<string> {
    const tooLarge = () =>
      new WeirError(
        'INTERNAL',
        `Flink (${this.restUrl}) answered ${request.method} ${request.path} with more than ${this.maxBodyBytes} bytes; refused`,
        { domain: 'external' },
      );
    const declared = Number(response.headers.get('content-length'));
    if (declared > this.maxBodyBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBodyBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
