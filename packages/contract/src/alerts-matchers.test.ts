import { describe, expect, it } from 'vitest';
import { globMatches, labelMatches, matchesRuleAndJob } from './alerts-matchers.js';

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

  it('matches a job label by name and value pattern; empty matches every job', () => {
    const labels = { team: 'payments', tier: 'critical' };
    expect(labelMatches('', {})).toBe(true);
    expect(labelMatches('team=payments', labels)).toBe(true);
    expect(labelMatches('tier=crit*', labels)).toBe(true);
    expect(labelMatches('team=search', labels)).toBe(false);
    expect(labelMatches('region=*', labels)).toBe(false);
    // A value holding "=" is matched whole.
    expect(labelMatches('expr=a=b', { expr: 'a=b' })).toBe(true);
  });
});
