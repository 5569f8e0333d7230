import { NO_SAVEPOINT_POLICY } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { describePolicy, policyFields, policyFromFields } from './savepoint-policy-fields';

const HOUR = 3_600_000;
const policy = { intervalMs: 6 * HOUR, keepCount: 5, keepForMs: 7 * 24 * HOUR };

describe('policy fields', () => {
  it('shows a policy in hours, a count and days, blank for what is off', () => {
    expect(policyFields(policy)).toEqual({ everyHours: '6', keepCount: '5', keepDays: '7' });
    expect(policyFields({ ...NO_SAVEPOINT_POLICY, intervalMs: HOUR / 2 })).toEqual({
      everyHours: '0.5',
      keepCount: '',
      keepDays: '',
    });
  });

  it('reads the fields back into the policy they show', () => {
    expect(policyFromFields({ everyHours: '6', keepCount: '5', keepDays: '7' })).toEqual({
      ok: true,
      policy,
    });
    expect(policyFromFields({ everyHours: ' ', keepCount: '', keepDays: '' })).toEqual({
      ok: true,
      policy: NO_SAVEPOINT_POLICY,
    });
  });

  it("names what the engine's schema would refuse, in the field's own unit", () => {
    expect(policyFromFields({ everyHours: '0.001', keepCount: '1.5', keepDays: 'x' })).toEqual({
      ok: false,
      problems: [
        { field: 'everyHours', message: 'from 0.0167 to 720 hours, or blank for none' },
        {
          field: 'keepCount',
          message: 'a whole number from 1 to 1000 savepoints, or blank for none',
        },
        { field: 'keepDays', message: 'from 0.000694 to 3650 days, or blank for none' },
      ],
    });
  });
});

describe('describePolicy', () => {
  it('says the schedule and the retention in one sentence', () => {
    expect(describePolicy(policy)).toBe(
      'A savepoint every 6 hours while the job runs; the newest 5 savepoints are kept, none older than 7 days.',
    );
    expect(describePolicy(NO_SAVEPOINT_POLICY)).toBe(
      'No scheduled savepoints; savepoints are kept until disposed of by hand.',
    );
    expect(describePolicy({ ...NO_SAVEPOINT_POLICY, intervalMs: HOUR, keepForMs: 24 * HOUR })).toBe(
      'A savepoint every 1 hour while the job runs; savepoints older than 1 day are disposed of.',
    );
  });
});
