import { describe, expect, it } from 'vitest';
import { decide, SILENCE_RECHECK_MS } from './delivery-decision.js';

const now = 1_000_000;
const base = { now, acknowledged: false, resolved: false, silencedUntil: null };

describe('decide', () => {
  it('sends a firing delivery nothing holds back', () => {
    expect(decide({ ...base, event: 'firing' })).toEqual({ action: 'send' });
  });

  it('holds a silenced firing delivery back, looking again before the silence ends', () => {
    expect(decide({ ...base, event: 'firing', silencedUntil: now + 5000 })).toEqual({
      action: 'postpone',
      until: now + 5000,
    });
    expect(decide({ ...base, event: 'firing', silencedUntil: now + 3_600_000 })).toEqual({
      action: 'postpone',
      until: now + SILENCE_RECHECK_MS,
    });
  });

  it('never sends an incident that resolved while silenced', () => {
    expect(decide({ ...base, event: 'firing', resolved: true, silencedUntil: now + 1 })).toEqual({
      action: 'withhold',
      status: 'silenced',
    });
    expect(
      decide({ ...base, event: 'resolved', firing: { status: 'silenced', nextAttemptAt: 0 } }),
    ).toEqual({ action: 'withhold', status: 'silenced' });
  });

  it('withholds the firing delivery of an acknowledged incident, not its resolved one', () => {
    expect(decide({ ...base, event: 'firing', acknowledged: true })).toEqual({
      action: 'withhold',
      status: 'acknowledged',
    });
    expect(
      decide({
        ...base,
        event: 'resolved',
        acknowledged: true,
        firing: { status: 'acknowledged', nextAttemptAt: 0 },
      }),
    ).toEqual({ action: 'send' });
  });

  it('sends "resolved" only after the channel\'s "firing" delivery is settled', () => {
    expect(
      decide({ ...base, event: 'resolved', firing: { status: 'pending', nextAttemptAt: now + 7 } }),
    ).toEqual({ action: 'postpone', until: now + 7 });
    expect(
      decide({ ...base, event: 'resolved', firing: { status: 'failed', nextAttemptAt: 0 } }),
    ).toEqual({ action: 'send' });
  });
});
