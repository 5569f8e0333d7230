import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timer-heap.js';

describe('TimerHeap', () => {
  it('pops in time order whatever the push order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 })), (times) => {
        const heap = new TimerHeap<number>();
        times.forEach((t, i) => {
          heap.push(t, i);
        });
        const popped: number[] = [];
        while (heap.size > 0) {
          const time = heap.peekTime();
          expect(times[heap.pop()]).toBe(time);
          popped.push(time);
        }
        expect(popped).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });
});
