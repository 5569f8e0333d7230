import type { JobEdge } from './trpc/types';

/**
 * How an edge routes records, in words: Weir's name for it where it has one, else the cluster's
 * own (Flink's GLOBAL or CUSTOM ship strategies have no Weir name).
 */
export function edgeRouting(edge: Pick<JobEdge, 'partitioning' | 'shipStrategy'>): string {
  return edge.partitioning ?? edge.shipStrategy ?? 'unknown';
}
