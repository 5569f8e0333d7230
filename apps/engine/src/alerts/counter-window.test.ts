import { describe, expect, it } from 'vitest';
import { CounterWindow } from './counter-window.js';

describe('CounterWindow', () => {
  it('sums growth within the window and counts a reset as growth from zero', () => {
    const counter = new CounterWindow();
    for (const [at, value] of [
      [0, 10],
      [10, 15],
      [20, 40],
      [30, 5], // restarted from zero, then reached 5
      [40, 9],
    ] as const) {
      counter.add(at, value, 100);
    }
    expect(counter.increase(20, 40)).toBe(5 + 4);
    expect(counter.increase(40, 40)).toBe(5 + 25 + 5 + 4);
    expect(counter.increase(5, 40)).toBe(4);
  });

  it('keeps only what the longest window needs', () => {
    const counter = new CounterWindow();
    for (let at = 0; at <= 10_000; at += 10) counter.add(at, at, 100);
    expect(counter.increase(100, 10_000)).toBe(100);
    expect(counter.increase(10_000, 10_000)).toBe(110);
  });
});
