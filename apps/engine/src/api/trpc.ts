import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError, z } from 'zod';
import { WeirError, type WeirErrorCode } from '../errors/weir-error.js';
import type { ApiContext } from './context.js';

const TRPC_CODE: Record<WeirErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_ARGUMENT: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  NOT_LEADER: 'PRECONDITION_FAILED',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** "jobId: must be lower-case …; limit: too big" instead of a JSON dump of zod issues. */
const describeZodError = (error: ZodError) =>
  `invalid input: ${error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`;

const t = initTRPC.context<ApiContext>().create({
  // Never send stack traces to browsers; the engine log has them.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: cause instanceof ZodError ? describeZodError(cause) : shape.message,
      data: {
        ...shape.data,
        // Flattened so the console can show which field was wrong.
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        weir:
          cause instanceof WeirError
            ? { code: cause.code, domain: cause.domain, retriable: cause.retriable }
            : null,
      },
    };
  },
});

/** Converts domain errors into tRPC errors in one place, so handlers just throw WeirError. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof WeirError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  return result;
});

/** Writes one audit row per mutating call, whatever its outcome. */
const audited = t.middleware(async ({ ctx, path, getRawInput, next }) => {
  const started = performance.now();
  const input = await getRawInput().catch(() => undefined);
  const result = await next();
  const jobId =
    typeof input === 'object' && input !== null && 'jobId' in input ? String(input.jobId) : null;
  await ctx.audit.record({
    actor: ctx.actor,
    action: path,
    jobId,
    params: input ?? null,
    result: result.ok ? 'ok' : 'error',
    message: result.ok ? null : result.error.message,
    durationMs: Math.round(performance.now() - started),
    sourceAddress: ctx.sourceAddress,
  });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);
export const mutatingProcedure = publicProcedure.use(audited);
