import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import {
  hasRole,
  JAR_UPLOAD_PATH,
  MAX_JAR_UPLOAD_BYTES,
  problemsOf,
  type Role,
  type WeirErrorCode,
} from '@weir/contract';
import { ZodError, z } from 'zod';
import { actorOf, type Principal } from '../auth/principal.js';
import type { AuditEntry } from '../db/audit-repository.js';
import type { Repositories } from '../db/store.js';
import { WeirError } from '../errors/weir-error.js';
import { auditParams, auditText } from './audit-params.js';
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
  `invalid input: ${problemsOf(error)
    .map((p) => `${p.field || '(input)'}: ${p.message}`)
    .join('; ')}`;

/** The largest request body the API reads; tRPC inputs are small JSON. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Except a jar upload's: it carries the jar (see `isJarUpload`). */
export const MAX_UPLOAD_BODY_BYTES = MAX_JAR_UPLOAD_BYTES;
/** Calls per batched request; the console batches a page's queries, a handful at a time. */
export const MAX_BATCH_SIZE = 50;

/**
 * A jar upload: a POST to `jars.upload` by its exact path, the one call whose body is read up
 * to the larger bound (by a handler of its own, which takes no batches: http-server.ts).
 */
export function isJarUpload(req: IncomingMessage): boolean {
  const { pathname } = new URL(req.url ?? '/', 'http://engine');
  return req.method === 'POST' && pathname === `/trpc/${JAR_UPLOAD_PATH}`;
}

/** The bound the request's body is read under. */
export const bodyLimitOf = (req: IncomingMessage): number =>
  isJarUpload(req) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;

/**
 * tRPC's own errors with a message for people: its body-size error says only its code. The
 * bound is the request's (`maxBodyBytes`), MAX_BODY_BYTES where no context was made.
 */
const readableError = (error: TRPCError, maxBodyBytes = MAX_BODY_BYTES): TRPCError =>
  error.code === 'PAYLOAD_TOO_LARGE' && error.message === 'PAYLOAD_TOO_LARGE'
    ? new TRPCError({
        code: 'PAYLOAD_TOO_LARGE',
        message: `Request body over the limit of ${maxBodyBytes} bytes.`,
      })
    : error;

/** Internal errors whose message was written for the caller (it names only an error id). */
const publicInternals = new WeakSet<TRPCError>();
const publicInternal = (message: string) => {
  const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message });
  publicInternals.add(error);
  return error;
};
const isPublicInternal = (error: TRPCError) => publicInternals.has(error);

const t = initTRPC.context<ApiContext>().create({
  // Never send stack traces to browsers; the engine log has them.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    return {
      ...shape,
      message:
        cause instanceof ZodError
          ? describeZodError(cause)
          : shape.data.code === 'INTERNAL_SERVER_ERROR' && !isPublicInternal(error)
            ? "Internal error: the engine's log has the details."
            : readableError(error, ctx?.request.maxBodyBytes).message,
      data: {
        ...shape.data,
        // Flattened so the console can show which field was wrong.
        zodError: cause instanceof ZodError ? z.flattenError(cause) : null,
        weir: cause instanceof WeirError ? cause.data : null,
      },
    };
  },
});

/**
 * Converts domain errors into tRPC errors in one place, so handlers just throw WeirError.
 * An internal error (a bug, a database failure) is logged in full under a fresh id, and the
 * caller gets only that id: its text can hold SQL, stack details or the input echoed back.
 */
const mapErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const { error } = result;
  const cause = error.cause;
  if (cause instanceof WeirError && cause.code !== 'INTERNAL')
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  if (error.code !== 'INTERNAL_SERVER_ERROR' || isPublicInternal(error)) return result;
  const errorId = randomBytes(6).toString('hex');
  ctx.logger.error({ err: cause ?? error, path, errorId }, 'API call failed');
  throw publicInternal(`Internal error ${errorId}: the engine's log has the details.`);
});

/** Lets a mutation write its own database change and its audit row in one transaction. */
export interface AuditScope {
  /**
   * Runs `fn` in a transaction that also writes this call's "ok" audit row, so the change
   * and its record commit together. `actor` names who acted when the call itself decides
   * it (a login). If the call fails afterwards, an "error" row is written as well.
   */
  transaction<T>(fn: (db: Repositories) => Promise<T>, opts?: { actor?: string }): Promise<T>;
  /**
   * The call was made again on another instance (with the caller's credentials), which
   * answered and so wrote this call's row itself: this instance writes none.
   */
  recordedElsewhere(): void;
}

const queriesDoNotWrite: AuditScope = {
  transaction: () => Promise.reject(new Error('queries must not write to the database')),
  recordedElsewhere: () => {},
};

/** The job a call is about, for the audit trail's job filter; a submitted spec names it `id`. */
function jobOf(path: string, input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  if ('jobId' in input) return auditText(String(input.jobId), 128);
  if (path === 'jobs.submit' && 'id' in input) return auditText(String(input.id), 128);
  return null;
}

/** Thrown to roll back the audit row a mutation writes on trial before it acts. */
class TrialOnly extends Error {}

/**
 * Writes `entry` in a transaction that is then rolled back: proof that this call's row can
 * be written before the call acts, since an action must never happen without its row.
 */
async function checkWritable(ctx: ApiContext, entry: AuditEntry): Promise<void> {
  try {
    await ctx.store.transaction(async (db) => {
      await db.audit.record(entry);
      throw new TrialOnly();
    });
  } catch (error) {
    if (error instanceof TrialOnly) return;
    const errorId = randomBytes(6).toString('hex');
    ctx.logger.error({ err: error, action: entry.action, errorId }, 'audit row cannot be written');
    throw publicInternal(
      `The audit trail cannot be written, so nothing was done (error ${errorId}). Try again later.`,
    );
  }
}

/**
 * Turns a signed-out mutation away at once (429) when its address has had too many refused
 * lately. Only the first one turned away leaves a row, saying that the rest will not.
 */
async function admitAnonymous(
  ctx: ApiContext,
  address: string,
  entry: (result: AuditEntry['result'], message: string) => AuditEntry,
): Promise<void> {
  const admission = ctx.anonymousRefusals.admit(address);
  if (admission.admitted) return;
  const seconds = Math.ceil(admission.retryAfterMs / 1000);
  ctx.setResponseHeader('retry-after', String(seconds));
  const message = `Too many refused calls from this address while signed out; try again in ${seconds} s.`;
  if (admission.firstTurnedAway) {
    const row = entry('error', `${message} Until then such calls from it are not recorded.`);
    await ctx.store.audit.record(row).catch((err: unknown) => {
      ctx.logger.error({ err, audit: row }, 'audit row lost');
    });
  }
  throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message });
}

/** True when `checkAccess` would let the call through. */
function mayCall(ctx: ApiContext, type: string, required: Role | null): boolean {
  try {
    checkAccess(ctx, type, required);
    return true;
  } catch {
    return false;
  }
}

/** The audit params of a large body left unread because its caller may not make the call. */
const UNREAD_BODY = { body: 'not read: the caller may not make this call' };

/**
 * Writes one audit row per mutating call, whatever its outcome or input, refusals included.
 * It runs before the role check so that attempts without the right role are on record too,
 * and it tries the row before the call acts: if the row cannot be written, nothing happens.
 * A body larger than JSON calls carry (a jar) is read only for callers the role check will
 * let through: no one else makes the engine take in up to 256 MiB to refuse it.
 */
const audited = (required: Role | null) =>
  t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
    if (type !== 'mutation') return next({ ctx: { audit: queriesDoNotWrite } });
    const started = performance.now();
    const readsBody = ctx.request.maxBodyBytes <= MAX_BODY_BYTES || mayCall(ctx, type, required);
    if (!readsBody) ctx.setResponseHeader('connection', 'close');
    // An unreadable body (over the size limit, not JSON) still leaves its row, then is refused.
    let unreadable: TRPCError | null = null;
    const input = readsBody
      ? await getRawInput().catch((error: unknown) => {
          unreadable = error instanceof TRPCError ? error : null;
          return undefined;
        })
      : undefined;
    const jobId = jobOf(path, input);
    const params = readsBody ? auditParams(input ?? null) : UNREAD_BODY;
    const entry = (
      result: AuditEntry['result'],
      message: string | null,
      actor?: string,
    ): AuditEntry => ({
      actor: auditText(actor ?? actorOf(ctx.principal), 256),
      action: auditText(path, 128),
      jobId,
      params,
      result,
      message: message === null ? null : auditText(message, 2048),
      durationMs: Math.round(performance.now() - started),
      sourceAddress: ctx.request.sourceAddress,
    });
    const anonymous = ctx.principal === null;
    const address = ctx.request.sourceAddress ?? '';
    if (anonymous) await admitAnonymous(ctx, address, entry);
    await checkWritable(ctx, entry('ok', null));
    if (unreadable) {
      const refused = readableError(unreadable, ctx.request.maxBodyBytes);
      if (anonymous) ctx.anonymousRefusals.record(address);
      const row = entry('error', refused.message);
      onTimeline(ctx, row, await ctx.store.audit.record(row));
      throw refused;
    }

    let recorded: { row: AuditEntry; id: number } | null = null;
    let elsewhere = false;
    const audit: AuditScope = {
      recordedElsewhere: () => {
        elsewhere = true;
      },
      transaction: async (fn, opts) => {
        const row = entry('ok', null, opts?.actor);
        const value = await ctx.store.transaction(async (db) => {
          const value = await fn(db);
          recorded = { row, id: await db.audit.record(row) };
          return value;
        });
        if (recorded) onTimeline(ctx, recorded.row, recorded.id);
        return value;
      },
    };
    const result = await next({ ctx: { audit } });
    if (anonymous && !result.ok) ctx.anonymousRefusals.record(address);
    if (elsewhere) return result;
    const row = !result.ok
      ? entry('error', result.error.message)
      : recorded
        ? null
        : entry('ok', null);
    // The trial write succeeded moments ago; if the database fails now, the call has acted, so
    // its row goes to the log in full rather than being lost.
    if (row)
      await ctx.store.audit.record(row).then(
        (id) => onTimeline(ctx, row, id),
        (err: unknown) => {
          ctx.logger.error({ err, audit: row }, 'audit row lost after the call acted');
        },
      );
    return result;
  });

/** A call about a job goes into its timeline too, linked to its audit row. */
function onTimeline(ctx: ApiContext, row: AuditEntry, auditId: number): void {
  if (row.jobId === null) return;
  const outcome = row.result === 'ok' ? 'ok' : `refused or failed: ${row.message}`;
  ctx.timeline.record(row.jobId, 'action', `${row.actor}: ${row.action} (${outcome})`, {
    auditId,
  });
}

/**
 * The one place that decides who may call what; returns the caller, never null when a role
 * is required. Cookie-authenticated mutations from a foreign Origin are refused (CSRF);
 * bearer calls cannot be forged by a browser, so they are exempt.
 */
function checkAccess(ctx: ApiContext, type: string, required: Role): Principal;
function checkAccess(ctx: ApiContext, type: string, required: null): Principal | null;
function checkAccess(ctx: ApiContext, type: string, required: Role | null): Principal | null;
function checkAccess(ctx: ApiContext, type: string, required: Role | null): Principal | null {
  if (type === 'mutation' && ctx.request.foreignOrigin && ctx.request.credentials !== 'bearer') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Cross-site request refused: this call must come from the Weir console.',
    });
  }
  const { principal } = ctx;
  if (required === null) return principal;
  if (principal === null) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to use the Weir API.' });
  }
  if (!hasRole(principal.role, required)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Needs the ${required} role; ${actorOf(principal)} has the ${principal.role} role.`,
    });
  }
  return principal;
}

const publicAccess = t.middleware(({ ctx, type, next }) => {
  checkAccess(ctx, type, null);
  return next();
});

/** Also narrows `ctx.principal` to non-null for the handlers behind it. */
const roleAccess = (required: Role) =>
  t.middleware(({ ctx, type, next }) =>
    next({ ctx: { principal: checkAccess(ctx, type, required) } }),
  );

/** Audit outside the mapping, so a row records the message the caller got, not an internal one. */
const procedureFor = (required: Role) =>
  t.procedure.use(audited(required)).use(mapErrors).use(roleAccess(required));

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Only for calls that must work signed out: signing in and out, asking who you are. */
export const publicProcedure = t.procedure.use(audited(null)).use(mapErrors).use(publicAccess);
/** Reads. */
export const viewerProcedure = procedureFor('viewer');
/** Actions on jobs: savepoints, restore, rescale, cancel, failover. */
export const operatorProcedure = procedureFor('operator');
/** Users, tokens, alert rules. */
export const adminProcedure = procedureFor('admin');
