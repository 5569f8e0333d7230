import type { Vertex } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { vertexSignalsOf } from './vertex-signals.js';

const vertex = (partitionLag?: Vertex['partitionLag']) =>
  ({
    metrics: { backpressuredRatio: 0.25, watermark: 1_000 },
    ...(partitionLag ? { partitionLag } : {}),
  }) as Vertex;

const partition = (p: number, records: number, seconds: number | null) => ({
  source: 'input',
  topic: 'orders',
  partition: p,
  subtaskIndex: p,
  records,
  seconds,
});

describe('vertexSignalsOf', () => {
  it('gives a vertex that reads no partitions no consumer lag', () => {
    expect(vertexSignalsOf(vertex())).toEqual({ backpressuredRatio: 0.25, watermark: 1_000 });
  });

  it('gives a Kafka source its records behind over all partitions and its worst age', () => {
    expect(vertexSignalsOf(vertex([partition(0, 100, 12), partition(1, 50, 40)]))).toEqual({
      backpressuredRatio: 0.25,
      watermark: 1_000,
      consumerLagRecords: 150,
      consumerLagSeconds: 40,
    });
  });

  it('counts no seconds before any record is read: the records figure shows the backlog', () => {
    expect(vertexSignalsOf(vertex([partition(0, 100, null)]))).toMatchObject({
      consumerLagRecords: 100,
      consumerLagSeconds: 0,
    });
  });
});
