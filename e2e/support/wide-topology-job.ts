import type { JobSpecInput } from '@weir/contract';

const BRANCHES = 10;
const STAGES_PER_BRANCH = 19;

/**
 * A job of 201 vertices for the topology at scale: one slow source fanned out to 10 branches
 * of 19 pass-through filters and a sink each. Every edge is rebalance, which the engine never
 * chains, so each operator stays a vertex of its own (forward edges would merge each branch
 * into one). Parallelism 1 and a trickle of records keep its load small next to other jobs.
 */
export function wideTopologyJob(id: string): JobSpecInput {
  const operators: JobSpecInput['operators'] = [
    {
      uid: 'source',
      kind: 'datagen',
      config: { seed: 1, ratePerSecond: 5, throttle: true, users: 10 },
    },
  ];
  const edges: JobSpecInput['edges'] = [];
  for (let branch = 0; branch < BRANCHES; branch += 1) {
    let previous = 'source';
    for (let stage = 0; stage < STAGES_PER_BRANCH; stage += 1) {
      const uid = `b${branch}-s${stage}`;
      operators.push({ uid, kind: 'filter', config: { expression: 'true' } });
      edges.push({ from: previous, to: uid, partitioning: 'rebalance' });
      previous = uid;
    }
    const sink = `b${branch}-sink`;
    operators.push({ uid: sink, kind: 'blackhole' });
    edges.push({ from: previous, to: sink, partitioning: 'rebalance' });
  }
  return {
    id,
    name: 'Wide topology (201 vertices)',
    parallelism: 1,
    checkpointing: { intervalMs: 60_000 },
    operators,
    edges,
  };
}

export const WIDE_TOPOLOGY_VERTICES = 1 + BRANCHES * (STAGES_PER_BRANCH + 1);
