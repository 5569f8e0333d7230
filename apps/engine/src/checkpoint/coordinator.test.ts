import { describe, expect, it } from 'vitest';
import { type CheckpointTriggerFacts, decideTrigger, shouldFailJob } from './coordinator.js';

const facts = (over: Partial<CheckpointTriggerFacts>): CheckpointTriggerFacts => ({
  nowMs: 10_000,
  intervalMs: 1000,
  minPauseMs: 0,
  maxConcurrent: 1,
  lastTriggeredAtMs: null,
  lastFinishedAtMs: null,
  runStartedAtMs: 0,
  inFlight: 0,
  ...over,
});

describe('decideTrigger', () => {
  it('waits for the interval, counted from the last trigger or the start of the run', () => {
    expect(decideTrigger(facts({ nowMs: 999 }))).toEqual({ trigger: false, reason: 'NOT_DUE' });
    expect(decideTrigger(facts({ nowMs: 1000 }))).toEqual({ trigger: true });
    expect(decideTrigger(facts({ lastTriggeredAtMs: 9500 }))).toEqual({
      trigger: false,
      reason: 'NOT_DUE',
    });
  });

  it('respects max concurrent checkpoints', () => {
    expect(decideTrigger(facts({ inFlight: 1 }))).toEqual({
      trigger: false,
      reason: 'TOO_MANY_CONCURRENT',
    });
    expect(decideTrigger(facts({ inFlight: 1, maxConcurrent: 2 }))).toEqual({ trigger: true });
  });

  it('keeps the minimum pause after the previous checkpoint finished', () => {
    const base = { lastTriggeredAtMs: 8000, minPauseMs: 2000 };
    expect(decideTrigger(facts({ ...base, lastFinishedAtMs: 8500 }))).toEqual({
      trigger: false,
      reason: 'MIN_PAUSE',
    });
    expect(decideTrigger(facts({ ...base, lastFinishedAtMs: 8000 }))).toEqual({ trigger: true });
  });
});

describe('shouldFailJob', () => {
  it('fails over only past the tolerated consecutive failures', () => {
    expect(shouldFailJob(1, 0, 'TIMEOUT')).toBe(true);
    expect(shouldFailJob(2, 2, 'TIMEOUT')).toBe(false);
    expect(shouldFailJob(3, 2, 'STORAGE_ERROR')).toBe(true);
  });

  it('never counts failures that only reflect the job stopping', () => {
    expect(shouldFailJob(5, 0, 'JOB_STOPPED')).toBe(false);
    expect(shouldFailJob(5, 0, 'DECLINED')).toBe(false);
  });
});
