import { type InputProblem, type SavepointPolicy, SavepointPolicySchema } from '@weir/contract';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The policy form's fields as typed: a blank one switches that part off. */
export interface PolicyFields {
  everyHours: string;
  keepCount: string;
  keepDays: string;
}

/** Each field: the policy key it sets, its unit in milliseconds, its label and unit in words. */
const FIELDS = {
  everyHours: {
    key: 'intervalMs',
    unitMs: HOUR_MS,
    name: 'Savepoint every (hours)',
    unit: 'hours',
  },
  keepCount: {
    key: 'keepCount',
    unitMs: 1,
    name: 'Keep the newest (savepoints)',
    unit: 'savepoints',
  },
  keepDays: { key: 'keepForMs', unitMs: DAY_MS, name: 'Keep for (days)', unit: 'days' },
} as const;

/** A number in a field's unit, without float noise (0.1 + 0.2) or trailing zeros. */
const shown = (n: number, digits = 6) => String(Number(n.toPrecision(digits)));

export function policyFields(policy: SavepointPolicy): PolicyFields {
  const field = (name: keyof PolicyFields) => {
    const { key, unitMs } = FIELDS[name];
    const value = policy[key];
    return value === null ? '' : shown(value / unitMs);
  };
  return {
    everyHours: field('everyHours'),
    keepCount: field('keepCount'),
    keepDays: field('keepDays'),
  };
}

/** The bounds the contract's schema sets for a field, in the field's own unit. */
function bounds(name: keyof PolicyFields): string {
  const { key, unitMs, unit } = FIELDS[name];
  const number = SavepointPolicySchema.shape[key].unwrap();
  const at = (ms: number | null) => shown((ms ?? 0) / unitMs, 3);
  return `from ${at(number.minValue)} to ${at(number.maxValue)} ${unit}`;
}

export type ParsedPolicy =
  | { ok: true; policy: SavepointPolicy }
  | { ok: false; problems: InputProblem[] };

/** The fields' labels, in the form and in the problems it shows. */
export const POLICY_FIELD_LABELS: Record<keyof PolicyFields, string> = {
  everyHours: FIELDS.everyHours.name,
  keepCount: FIELDS.keepCount.name,
  keepDays: FIELDS.keepDays.name,
};

/**
 * The policy the fields say, or what is wrong with each field in its own unit ("from 0.0167
 * to 720 hours"), checked against the very schema the engine takes it with.
 */
export function policyFromFields(fields: PolicyFields): ParsedPolicy {
  const policy: Record<string, number | null> = {};
  const problems: InputProblem[] = [];
  for (const name of Object.keys(FIELDS) as (keyof PolicyFields)[]) {
    const { key, unitMs } = FIELDS[name];
    const typed = fields[name].trim();
    // Hours and days become whole milliseconds; a count stays as typed, so a fraction is refused.
    const scaled = Number(typed) * unitMs;
    const value = typed === '' ? null : unitMs > 1 ? Math.round(scaled) : scaled;
    policy[key] = value;
    const checked = SavepointPolicySchema.shape[key].safeParse(value);
    if (typed !== '' && (!Number.isFinite(Number(typed)) || !checked.success))
      problems.push({
        field: name,
        message: `${name === 'keepCount' ? 'a whole number ' : ''}${bounds(name)}, or blank for none`,
      });
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, policy: policy as SavepointPolicy };
}

const plural = (n: number, one: string, many: string) => `${shown(n)} ${n === 1 ? one : many}`;

/** The policy in one sentence, as the panel states it above the form. */
export function describePolicy(policy: SavepointPolicy): string {
  const { intervalMs, keepCount, keepForMs } = policy;
  const schedule =
    intervalMs === null
      ? 'No scheduled savepoints'
      : `A savepoint every ${plural(intervalMs / HOUR_MS, 'hour', 'hours')} while the job runs`;
  const newest = keepCount === null ? null : plural(keepCount, 'savepoint', 'savepoints');
  const age = keepForMs === null ? null : plural(keepForMs / DAY_MS, 'day', 'days');
  const retention =
    newest && age
      ? `the newest ${newest} are kept, none older than ${age}`
      : newest
        ? `the newest ${newest} are kept`
        : age
          ? `savepoints older than ${age} are disposed of`
          : 'savepoints are kept until disposed of by hand';
  return `${schedule}; ${retention}.`;
}
