import type { WeirErrorData } from '@weir/contract';
import type { z } from 'zod';
import { unavailable, WeirError } from '../../errors/weir-error.js';
import { LOGS_FORWARDED_BY_HEADER } from '../logs/instance-logs.js';

/**
 * Marks a call one instance makes to another on a caller's behalf; the one asked never sends
 * it on. The logs query's header: `request.forwardedBy` is read from it, and the rule is the
 * same.
 */
export const INSTANCE_FORWARDED_BY_HEADER = LOGS_FORWARDED_BY_HEADER;

export interface InstanceCall<T> {
  /** The instance asked, for messages, and its API base address. */
  instanceId: string;
  address: string;
  /** `instances.resources` */
  path: string;
  type: 'query' | 'mutation';
  input: unknown;
  output: z.ZodType<T>;
  timeoutMs: number;
  /** The instance answered (any answer): for a mutation, it wrote the call's audit row. */
  onAnswer?: () => void;
}

/** Who asked, as far as asking another instance on their behalf needs (`ctx.request`). */
export interface InstanceCaller {
  /** The caller's Authorization and Cookie headers, sent along unchanged. */
  credentialHeaders: Record<string, string>;
  sourceAddress: string | null;
  /** Set when another instance sent this call: it is never sent on again. */
  forwardedBy: string | null;
}

interface TrpcAnswer {
  result?: { data?: unknown };
  error?: { message?: string; data?: { weir?: WeirErrorData | null } };
}

/**
 * Makes `call` on another instance's API with the caller's credentials and address (so its
 * role check and audit row see the caller), and returns its answer, checked against the
 * contract. Its refusals come back as the same domain errors.
 */
export async function askInstance<T>(
  call: InstanceCall<T>,
  caller: InstanceCaller,
  self: string,
): Promise<T> {
  const url = new URL(`/trpc/${call.path}`, call.address);
  if (call.type === 'query') url.searchParams.set('input', JSON.stringify(call.input));
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: call.type === 'query' ? 'GET' : 'POST',
      headers: {
        ...caller.credentialHeaders,
        ...(caller.sourceAddress ? { 'x-forwarded-for': caller.sourceAddress } : {}),
        ...(call.type === 'mutation' ? { 'content-type': 'application/json' } : {}),
        [INSTANCE_FORWARDED_BY_HEADER]: self,
      },
      body: call.type === 'mutation' ? JSON.stringify(call.input) : undefined,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    throw unavailable(
      `instance ${call.instanceId} at ${call.address} cannot be reached: ${(error as Error).message}`,
      error,
    );
  }
  call.onAnswer?.();
  const body = (await answer.json().catch(() => null)) as TrpcAnswer | null;
  if (answer.ok && body?.result) return call.output.parse(body.result.data);
  const message = `instance ${call.instanceId}: ${body?.error?.message ?? `HTTP ${answer.status}`}`;
  const weir = body?.error?.data?.weir;
  if (weir) throw new WeirError(weir.code, message, weir);
  if ([400, 401, 403].includes(answer.status))
    throw new WeirError('INVALID_ARGUMENT', message, { domain: 'user' });
  throw unavailable(message);
}
