import type { JobSpec } from '@weir/contract';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for.js';
import type { LeaderJobs } from './backends/leader-jobs.js';
import type { HaRuntime } from './ha/ha-runtime.js';
import { type LeaderChangeLog, leadershipListener } from './leadership.js';
import type { LeaderMetrics } from './metrics/leader-metrics.js';

/**
 * An instance granted leadership whose recovery fails `failures` times: hand-written fakes of
 * what the listener drives, recording what it did.
 */
function instance(mode: 'zookeeper' | 'embedded', failures: number) {
  let leading = false;
  const did = { stepDowns: [] as string[], suspends: 0, recoveries: 0, recovered: 0 };
  const ha = {
    mode,
    leader: {
      granted: () => {
        leading = true;
      },
      revoked: () => {
        leading = false;
      },
      isLeader: () => leading,
      setSuspended: () => {},
    },
    election: {
      stepDown: async (reason: string) => {
        did.stepDowns.push(reason);
        leading = false;
      },
    },
  } as unknown as HaRuntime;
  const backend: LeaderJobs = {
    recoverJobs: async () => {
      did.recoveries += 1;
      if (did.recoveries <= failures) throw new Error('checkpoint storage unreadable');
      return ['job'];
    },
    listJobs: async () => [],
    suspendAll: async () => {
      did.suspends += 1;
    },
    submitJob: async () => {
      throw new Error('the job is known: nothing to submit');
    },
  };
  const leaderChanges: LeaderChangeLog = {
    recordGrant: async () => 1,
    recordRecovered: async () => {
      did.recovered += 1;
    },
    recent: async () => [],
  };
  const listener = leadershipListener({
    instanceId: 'e1',
    ha,
    backend,
    leaderChanges,
    loops: [],
    metrics: { setLeader: () => {} } as unknown as LeaderMetrics,
    initialJob: { id: 'job' } as JobSpec,
    submitsInitialJob: async () => false,
    logger: pino({ level: 'silent' }),
    takeoverRetryMs: 10,
  });
  const grant = () => listener.granted({ epoch: 1, grantedAt: new Date(), previous: null });
  return { did, grant };
}

describe('a takeover that fails', () => {
  it('stops what it started and steps down for a standby, instead of leading with nothing running', async () => {
    const { did, grant } = instance('zookeeper', 1);
    grant();
    await waitFor('a step-down', () => did.stepDowns.length === 1);
    expect(did.stepDowns[0]).toBe('takeover failed: checkpoint storage unreadable');
    expect(did.suspends).toBe(1);
    expect(did.recovered).toBe(0);
  });

  it('on a lone instance, tries again until it recovers', async () => {
    const { did, grant } = instance('embedded', 2);
    grant();
    await waitFor('a recovery', () => did.recovered === 1);
    expect(did.recoveries).toBe(3);
    expect(did.stepDowns).toEqual([]);
  });
});
