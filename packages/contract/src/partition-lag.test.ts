import { describe, expect, it } from 'vitest';
import { totalLag } from './partition-lag.js';

describe('totalLag', () => {
  it('adds up records and keeps the seconds of the partition furthest behind', () => {
    expect(
      totalLag([
        { records: 10, seconds: 4 },
        { records: 0, seconds: 0 },
        { records: 5, seconds: 30 },
      ]),
    ).toEqual({ records: 15, seconds: 30 });
  });

  it('has no age while every partition is behind without a record read yet', () => {
    expect(totalLag([{ records: 7, seconds: null }])).toEqual({ records: 7, seconds: null });
    expect(
      totalLag([
        { records: 7, seconds: null },
        { records: 0, seconds: 0 },
      ]),
    ).toEqual({ records: 7, seconds: 0 });
  });

  it('is nothing for no partitions', () => {
    expect(totalLag([])).toEqual({ records: 0, seconds: null });
  });
});
