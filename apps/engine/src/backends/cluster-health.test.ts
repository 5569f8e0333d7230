import { describe, expect, it } from 'vitest';
import { nextHealth } from './cluster-health.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 3, 0, s));

describe('nextHealth', () => {
  it('keeps "since" while the state holds and moves it when the state changes', () => {
    const first = nextHealth(undefined, { reached: true }, at(0));
    expect(first).toMatchObject({ state: 'up', since: at(0).toISOString(), error: null });
    const down = nextHealth(first, { reached: false, error: 'connection refused' }, at(10));
    expect(down).toMatchObject({ state: 'unreachable', since: at(10).toISOString() });
    const stillDown = nextHealth(down, { reached: false, error: 'timed out' }, at(20));
    expect(stillDown).toEqual({
      state: 'unreachable',
      since: at(10).toISOString(),
      checkedAt: at(20).toISOString(),
      error: 'timed out',
    });
    const back = nextHealth(stillDown, { reached: true }, at(30));
    expect(back).toMatchObject({ state: 'up', since: at(30).toISOString(), error: null });
  });
});
