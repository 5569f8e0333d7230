import { describe, expect, it } from 'vitest';
import { globMatches, matchesRuleAndJob } from './alerts-matchers.js';

describe('globMatches', () => {
  it('matches names literally and * and ? as wildcards', () => {
    expect(globMatches('job-failed', 'job-failed')).toBe(true);
    expect(globMatches('job-failed', 'job-failed-2')).toBe(false);
    expect(globMatches('checkpoint-*', 'checkpoint-stalled')).toBe(true);
    expect(globMatches('checkpoint-*', 'job-failed')).toBe(false);
    expect(globMatches('pay?', 'pays')).toBe(true);
    expect(globMatches('pay?', 'pay')).toBe(false);
    expect(globMatches('*', '')).toBe(true);
  });

  it('takes "." and other regular-expression characters literally', () => {
    expect(globMatches('a.b', 'a.b')).toBe(true);
    expect(globMatches('a.b', 'axb')).toBe(false);
  });

  it('lets a left-out matcher match everything', () => {
    const incident = { ruleName: 'job-failed', jobId: 'payments' };
    expect(matchesRuleAndJob({ rule: null, job: 'pay*' }, incident)).toBe(true);
    expect(matchesRuleAndJob({ rule: 'job-*', job: null }, incident)).toBe(true);
    expect(matchesRuleAndJob({ rule: 'job-*', job: 'orders' }, incident)).toBe(false);
  });
});
