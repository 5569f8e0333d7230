import type { LogsPage, LogsQueryInput } from '@weir/contract';
import { LogsPageSchema } from '@weir/contract';
import { notFound, unavailable, WeirError } from '../../errors/weir-error.js';
import type { LogStore } from '../../logging/log-store.js';

/**
 * Set on a logs query one instance sends to another, which then never sends it on. Not the
 * leader forwarding's header: a standby may forward a batch holding a logs query to the leader,
 * which must still be able to ask the instance the query names.
 */
export const LOGS_FORWARDED_BY_HEADER = 'x-weir-logs-forwarded-by';

/** Who asked, as far as asking another instance on their behalf needs. */
export interface LogsCaller {
  /** The caller's Authorization and Cookie headers, sent along unchanged. */
  credentialHeaders: Record<string, string>;
  /** Set when another instance sent this logs query: it is never sent on again. */
  forwardedBy: string | null;
}

export interface InstanceLogsOptions {
  instanceId: string;
  store: LogStore;
  /** Live instances with their API addresses (the HA instance registry). */
  instances: () => Promise<{ instanceId: string; apiAddress: string }[]>;
  /** How long another instance may take to answer (default 10 s). */
  timeoutMs?: number;
}

/**
 * `logs.query`: this instance answers from its own store; a query naming another instance is
 * sent to that instance's API with the caller's credentials, so every instance's logs are
 * reachable through any one of them.
 */
export class InstanceLogs {
  constructor(private readonly options: InstanceLogsOptions) {}

  async query(input: LogsQueryInput, caller: LogsCaller): Promise<LogsPage> {
    const { instanceId, ...query } = input;
    const self = this.options.instanceId;
    if (instanceId === undefined || instanceId === self)
      return { instanceId: self, ...this.options.store.query(query) };
    if (caller.forwardedBy !== null)
      throw unavailable(
        `instance ${self} was asked for the logs of ${instanceId}; ask it directly`,
      );
    const target = (await this.options.instances()).find((i) => i.instanceId === instanceId);
    if (!target) throw notFound(`instance ${instanceId}`);
    return this.ask(target.apiAddress, input, caller);
  }

  private async ask(address: string, input: LogsQueryInput, caller: LogsCaller): Promise<LogsPage> {
    const url = new URL('/trpc/logs.query', address);
    url.searchParams.set('input', JSON.stringify(input));
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let answer: Response;
    try {
      answer = await fetch(url, {
        headers: {
          ...caller.credentialHeaders,
          [LOGS_FORWARDED_BY_HEADER]: this.options.instanceId,
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw unavailable(
        `instance ${input.instanceId} at ${address} cannot be reached: ${(error as Error).message}`,
        error,
      );
    }
    const body = (await answer.json().catch(() => null)) as {
      result?: { data?: unknown };
      error?: { message?: string; data?: { weir?: { code?: string } | null } };
    } | null;
    if (answer.ok && body?.result) return LogsPageSchema.parse(body.result.data);
    const message = `instance ${input.instanceId}: ${body?.error?.message ?? `HTTP ${answer.status}`}`;
    if (answer.status === 401 || answer.status === 403 || answer.status === 400)
      throw new WeirError('INVALID_ARGUMENT', message, { domain: 'user' });
    throw unavailable(message);
  }
}
