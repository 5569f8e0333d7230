import { createHash } from 'node:crypto';
import { WeirError } from '../../errors/weir-error.js';
import { failureCauseInWords } from './flink-errors.js';
import type { FlinkAsyncOperation } from './flink-schemas.js';

/**
 * Flink's trigger id for Weir's: Flink takes 32 hex digits, Weir any caller-chosen string. The
 * same string always gives the same id, so a retry reaches the savepoint Flink already took
 * or is taking for it (Flink keeps a trigger's result for `rest.async.store-duration`, 5 min).
 */
export function flinkTriggerId(triggerId: string): string {
  return createHash('sha256').update(triggerId).digest('hex').slice(0, 32);
}

/**
 * Where savepoints go: the cluster's default target. Flink 1.20 and 2.x read
 * `execution.checkpointing.savepoint-dir`; releases before 1.20 `state.savepoints.dir`, which
 * later ones still accept.
 */
export function savepointDirectory(restUrl: string, settings: Map<string, string>): string {
  const directory =
    settings.get('execution.checkpointing.savepoint-dir') ?? settings.get('state.savepoints.dir');
  if (directory?.trim()) return directory;
  throw new WeirError(
    'INVALID_ARGUMENT',
    `the Flink cluster at ${restUrl} has no savepoint directory: set execution.checkpointing.savepoint-dir (state.savepoints.dir before Flink 1.20) in its configuration`,
    { domain: 'user' },
  );
}

export type OperationOutcome =
  | { state: 'IN_PROGRESS' }
  | { state: 'COMPLETED'; location: string | null }
  | { state: 'FAILED'; error: string };

/**
 * Where an asynchronous operation (savepoint, stop, disposal) stands. Flink reports a failed
 * one as COMPLETED with a `failure-cause`: that is a failure here, its cause in words.
 */
export function operationOutcome(result: FlinkAsyncOperation): OperationOutcome {
  if (result.status.id !== 'COMPLETED') return { state: 'IN_PROGRESS' };
  const cause = result.operation?.['failure-cause'];
  if (cause) return { state: 'FAILED', error: failureCauseInWords(cause) };
  return { state: 'COMPLETED', location: result.operation?.location ?? null };
}
