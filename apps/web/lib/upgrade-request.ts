import { inputProblems, MAX_ROLLBACK_AFTER_MS, UpgradeInputSchema } from '@weir/contract';
import { parseJobSpec } from './parse-job-spec';
import type { RouterInputs, UpgradeMode } from './trpc/types';

export type UpgradeRequest = RouterInputs['jobs']['upgrade'];

/** The upgrade form as typed. */
export interface UpgradeForm {
  text: string;
  mode: UpgradeMode;
  allowNonRestoredState: boolean;
  comment: string;
  /** Blank or a whole number of seconds; 0 switches the automatic rollback off. */
  rollbackSeconds: string;
}

export type ParsedUpgrade =
  | { ok: true; request: UpgradeRequest }
  | { ok: false; problems: string[] };

const MAX_SECONDS = MAX_ROLLBACK_AFTER_MS / 1000;

/**
 * The upgrade the form asks for, or each thing wrong with it, named by field: the spec as a
 * new job's is checked, then the request with the API's own schema, which also refuses a spec
 * under another job's id or one still holding a secret the console showed redacted.
 */
export function upgradeRequest(jobId: string, form: UpgradeForm): ParsedUpgrade {
  const parsed = parseJobSpec(form.text);
  if (!parsed.ok) return parsed;
  const seconds = Number(form.rollbackSeconds);
  if (
    form.rollbackSeconds.trim() === '' ||
    !Number.isInteger(seconds) ||
    seconds < 0 ||
    seconds > MAX_SECONDS
  )
    return {
      ok: false,
      problems: [`Roll back after: a whole number of seconds from 0 to ${MAX_SECONDS}`],
    };
  const comment = form.comment.trim();
  const request: UpgradeRequest = {
    jobId,
    spec: parsed.spec,
    mode: form.mode,
    allowNonRestoredState: form.allowNonRestoredState,
    rollbackAfterMs: seconds * 1000,
    ...(comment ? { comment } : {}),
  };
  const problems = inputProblems(UpgradeInputSchema, request);
  return problems.length > 0
    ? { ok: false, problems: problems.map((p) => `${p.field}: ${p.message}`) }
    : { ok: true, request };
}
