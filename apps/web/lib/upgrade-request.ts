import { inputProblems, UpgradeInputSchema } from '@weir/contract';
import { parseJobSpec } from './parse-job-spec';
import { rollbackAfterMs } from './rollback-after';
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

/**
 * The upgrade the form asks for, or each thing wrong with it, named by field: the spec as a
 * new job's is checked, then the request with the API's own schema, which also refuses a spec
 * under another job's id or one still holding a secret the console showed redacted.
 */
export function upgradeRequest(jobId: string, form: UpgradeForm): ParsedUpgrade {
  const parsed = parseJobSpec(form.text);
  if (!parsed.ok) return parsed;
  const rollback = rollbackAfterMs(form.rollbackSeconds);
  if (!rollback.ok) return { ok: false, problems: [`Roll back after: ${rollback.problem}`] };
  const comment = form.comment.trim();
  const request: UpgradeRequest = {
    jobId,
    spec: parsed.spec,
    mode: form.mode,
    allowNonRestoredState: form.allowNonRestoredState,
    rollbackAfterMs: rollback.ms,
    ...(comment ? { comment } : {}),
  };
  const problems = inputProblems(UpgradeInputSchema, request);
  return problems.length > 0
    ? { ok: false, problems: problems.map((p) => `${p.field}: ${p.message}`) }
    : { ok: true, request };
}
