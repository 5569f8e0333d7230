import { describe, expect, it } from 'vitest';
import { RateTracker } from './rate-tracker.js';

describe('RateTracker', () => {
  it('is zero until it has two samples', () => {
    const tracker = new RateTracker();
    expect(tracker.perSecond()).toBe(0);
    tracker.sample(0, 100);
    expect(tracker.perSecond()).toBe(0);
  });

  it('averages over the sliding window of samples', () => {
    const tracker = new RateTracker(2);
    tracker.sample(0, 0);
    tracker.sample(1000, 500);
    tracker.sample(2000, 1500);
    expect(tracker.perSecond()).toBe(750);
    tracker.sample(3000, 1500); // the first sample drops out of the window
    expect(tracker.perSecond()).toBe(500);
  });
});
