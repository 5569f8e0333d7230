import { describe, expect, it } from 'vitest';
import { runsOn } from './procedures.js';

describe('runsOn', () => {
  it('sends calls about running jobs and the failover to the leader', () => {
    expect(runsOn('jobs.list')).toBe('leader');
    expect(runsOn('savepoints.trigger')).toBe('leader');
    expect(runsOn('cluster.failover')).toBe('leader');
    expect(runsOn('cluster.overview')).toBe('any');
    expect(runsOn('users.create')).toBe('any');
  });

  it('lets any instance answer an unknown path, which it does with a 404', () => {
    expect(runsOn('jobs.nonsense')).toBe('any');
    expect(runsOn('toString')).toBe('any');
    expect(runsOn('')).toBe('any');
  });
});
