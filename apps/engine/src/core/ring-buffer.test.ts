import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('returns what it holds oldest first, before it is full', () => {
    const ring = new RingBuffer<number>(3);
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
  });

  it('drops the oldest items once full, keeping the order', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i += 1) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
  });

  it('refuses a capacity that could hold nothing', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
