import { describe, expect, it } from 'vitest';
import { VerificationSlots } from './verification-slots.js';

describe('VerificationSlots', () => {
  it('runs at most `concurrent` at once, queues a few, turns the rest away', async () => {
    const slots = new VerificationSlots(2, 3);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const job = () =>
      slots.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return 'done';
      });
    const calls = Array.from({ length: 8 }, job);
    const turnedAway = await Promise.all(calls.slice(5));
    expect(turnedAway).toEqual([{ busy: true }, { busy: true }, { busy: true }]);
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(calls.slice(0, 5))).toEqual(
      Array.from({ length: 5 }, () => ({ busy: false, value: 'done' })),
    );
    expect(peak).toBe(2);
  });
});
