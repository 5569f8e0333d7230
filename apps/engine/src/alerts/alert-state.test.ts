import { describe, expect, it } from 'vitest';
import { step } from './alert-state.js';

describe('alert state machine', () => {
  it('goes pending, then fires once breached for the whole for-time, then resolves', () => {
    const pending = step({ phase: 'inactive' }, true, 1_000, 5_000);
    expect(pending).toEqual({ phase: 'pending', since: 1_000, action: 'none' });
    expect(step({ phase: 'pending', since: 1_000 }, true, 5_999, 5_000)).toEqual({
      phase: 'pending',
      since: 1_000,
      action: 'none',
    });
    expect(step({ phase: 'pending', since: 1_000 }, true, 6_000, 5_000)).toEqual({
      phase: 'firing',
      since: 6_000,
      action: 'fire',
    });
    const firing = { phase: 'firing', since: 6_000, alertId: 7 } as const;
    expect(step(firing, true, 9_000, 5_000).action).toBe('none');
    expect(step(firing, false, 9_000, 5_000)).toEqual({
      phase: 'inactive',
      since: null,
      action: 'resolve',
    });
  });

  it('fires at once with no for-time, and forgets a pending condition that clears', () => {
    expect(step({ phase: 'inactive' }, true, 1_000, 0).action).toBe('fire');
    expect(step({ phase: 'pending', since: 1_000 }, false, 2_000, 5_000)).toEqual({
      phase: 'inactive',
      since: null,
      action: 'none',
    });
  });
});
