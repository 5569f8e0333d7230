import { totalLag, type Vertex } from '@weir/contract';
import type { VertexSignals } from './rule-kinds.js';

/**
 * What the rules read of one vertex of a job's detail. A Kafka source not yet able to age its
 * lag (nothing read yet) counts 0 seconds: its records figure still shows it behind.
 */
export function vertexSignalsOf(vertex: Vertex): VertexSignals {
  const { backpressuredRatio, watermark } = vertex.metrics;
  if (!vertex.partitionLag) return { backpressuredRatio, watermark };
  const lag = totalLag(vertex.partitionLag);
  return {
    backpressuredRatio,
    watermark,
    consumerLagRecords: lag.records,
    consumerLagSeconds: lag.seconds ?? 0,
  };
}
