import type { SubtaskMetrics } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { LoadHistory } from './load-history.js';

const metrics = (subtaskIndex: number) =>
  ({ subtaskIndex, busyRatio: 0.5, backpressuredRatio: 0.1 }) as SubtaskMetrics;

describe('LoadHistory', () => {
  it("samples a partitioned source's lag with its load, and only its", () => {
    const history = new LoadHistory();
    history.add('input', 1_000, metrics(0), [
      { topic: 'orders', partition: 0, records: 30, seconds: 2 },
      { topic: 'orders', partition: 2, records: 12, seconds: 9 },
    ]);
    history.add('count', 1_000, metrics(0));
    expect(history.of('input', 1).subtasks[0]?.samples).toEqual([
      { at: 1_000, busyRatio: 0.5, backpressuredRatio: 0.1, lagRecords: 42, lagSeconds: 9 },
    ]);
    expect(history.of('count', 1).subtasks[0]?.samples).toEqual([
      { at: 1_000, busyRatio: 0.5, backpressuredRatio: 0.1 },
    ]);
  });
});
