import { describe, expect, it } from 'vitest';
import { jobStatus } from './job-status.js';

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
