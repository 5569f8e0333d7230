import { describe, expect, it } from 'vitest';
import { hasEnded, jobStatus } from './job-status.js';

describe('jobStatus', () => {
  it("keeps Flink's names Weir shares and translates the others", () => {
    expect(jobStatus('RUNNING')).toEqual({ status: 'RUNNING' });
    expect(jobStatus('CANCELED')).toEqual({ status: 'CANCELED' });
    expect(jobStatus('INITIALIZING')).toEqual({ status: 'CREATED', nativeStatus: 'INITIALIZING' });
    expect(jobStatus('RECONCILING')).toEqual({
      status: 'RESTARTING',
      nativeStatus: 'RECONCILING',
    });
    expect(jobStatus('SOMETHING_NEW')).toEqual({
      status: 'CREATED',
      nativeStatus: 'SOMETHING_NEW',
    });
  });
});

describe('hasEnded', () => {
  it('is true only of states a job never leaves, SUSPENDED not among them', () => {
    expect(['CANCELED', 'FINISHED', 'FAILED'].map(hasEnded)).toEqual([true, true, true]);
    expect(['RUNNING', 'CANCELLING', 'RESTARTING', 'SUSPENDED'].map(hasEnded)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
