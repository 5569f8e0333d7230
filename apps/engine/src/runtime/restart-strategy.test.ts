import { describe, expect, it } from 'vitest';
import { decideRestart } from './restart-strategy.js';

describe('decideRestart', () => {
  it('fixed-delay restarts `attempts` times, then gives up', () => {
    const strategy = { type: 'fixed-delay', attempts: 2, delayMs: 50 } as const;
    expect(decideRestart(strategy, [1], 1)).toEqual({ restart: true, delayMs: 50 });
    expect(decideRestart(strategy, [1, 2], 2)).toEqual({ restart: true, delayMs: 50 });
    expect(decideRestart(strategy, [1, 2, 3], 3)).toMatchObject({ restart: false });
  });

  it('failure-rate gives up only when too many failures fall within the interval', () => {
    const strategy = {
      type: 'failure-rate',
      maxFailures: 2,
      intervalMs: 1000,
      delayMs: 10,
    } as const;
    expect(decideRestart(strategy, [0, 100], 100)).toMatchObject({ restart: true });
    expect(decideRestart(strategy, [0, 100, 200], 200)).toMatchObject({ restart: false });
    expect(decideRestart(strategy, [0, 100, 1500], 1500)).toMatchObject({ restart: true });
  });

  it('exponential grows the delay per consecutive failure, caps it, and resets after a healthy run', () => {
    const strategy = {
      type: 'exponential',
      initialDelayMs: 100,
      maxDelayMs: 350,
      multiplier: 2,
      resetAfterMs: 10_000,
    } as const;
    expect(decideRestart(strategy, [0], 0)).toEqual({ restart: true, delayMs: 100 });
    expect(decideRestart(strategy, [0, 1], 1)).toEqual({ restart: true, delayMs: 200 });
    expect(decideRestart(strategy, [0, 1, 2], 2)).toEqual({ restart: true, delayMs: 350 });
    expect(decideRestart(strategy, [0, 1, 2, 20_000], 20_000)).toEqual({
      restart: true,
      delayMs: 100,
    });
    expect(decideRestart({ ...strategy, attempts: 2 }, [0, 1, 2], 2)).toMatchObject({
      restart: false,
    });
  });

  it('none never restarts', () => {
    expect(decideRestart({ type: 'none' }, [0], 0)).toMatchObject({ restart: false });
  });
});
