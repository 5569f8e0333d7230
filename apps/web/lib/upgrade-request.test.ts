import { REDACTED, sampleJobSpec } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { type UpgradeForm, upgradeRequest } from './upgrade-request';

const spec = sampleJobSpec({ ratePerSecond: 10, seed: 1, checkpointIntervalMs: 1000 });
const form = (change: Partial<UpgradeForm> = {}): UpgradeForm => ({
  text: JSON.stringify(spec),
  mode: 'savepoint',
  allowNonRestoredState: false,
  comment: '',
  rollbackSeconds: '120',
  ...change,
});

describe('upgradeRequest', () => {
  it('turns the form into the request, seconds into milliseconds, no blank comment', () => {
    const parsed = upgradeRequest('clicks-per-user', form());
    expect(parsed).toMatchObject({
      ok: true,
      request: { jobId: 'clicks-per-user', mode: 'savepoint', rollbackAfterMs: 120_000 },
    });
    expect(parsed.ok && 'comment' in parsed.request).toBe(false);
    expect(
      upgradeRequest('clicks-per-user', form({ comment: ' why ', rollbackSeconds: '0' })),
    ).toMatchObject({ ok: true, request: { comment: 'why', rollbackAfterMs: 0 } });
  });

  it('names what is wrong with the spec text', () => {
    expect(upgradeRequest('clicks-per-user', form({ text: '{' }))).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('not valid JSON')],
    });
  });

  it('keeps the rollback time within what the engine takes', () => {
    for (const rollbackSeconds of ['', '-1', '1.5', '3601']) {
      expect(upgradeRequest('clicks-per-user', form({ rollbackSeconds }))).toEqual({
        ok: false,
        problems: ['Roll back after: a whole number of seconds from 0 to 3600'],
      });
    }
  });

  it("refuses another job's id and a secret left redacted, as the engine would", () => {
    expect(upgradeRequest('other-job', form())).toEqual({
      ok: false,
      problems: ['spec.id: is "clicks-per-user"; an upgrade keeps the job\'s id "other-job"'],
    });
    // A custom operator's config is free-form: the one place a literal secret can stand.
    const custom = {
      uid: 'lookup',
      kind: 'custom',
      config: { module: 'm', config: { password: REDACTED } },
    };
    const redacted = { ...spec, operators: [...spec.operators, custom] };
    expect(upgradeRequest('clicks-per-user', form({ text: JSON.stringify(redacted) }))).toEqual({
      ok: false,
      problems: [
        'spec: operators[5].config.config.password still reads "[redacted]"; type the secret in again',
      ],
    });
  });
});
