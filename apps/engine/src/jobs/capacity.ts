import type { JobSpec } from '@weir/contract';
import { invalidArgument } from '../errors/weir-error.js';

/** What one engine instance is willing to run for one job. */
export interface JobCapacity {
  /** Worker threads a job may take: one per subtask index (slot sharing), so its largest parallelism. */
  maxSlots: number;
  /** Key groups a job may have: each is a unit of state kept, sent and checkpointed. */
  maxParallelism: number;
}

/**
 * Refuses a spec that asks for more worker threads or key groups than this engine runs, naming
 * the field, before anything is stopped or started: a submit of parallelism 10,000 would
 * otherwise start 10,000 threads.
 */
export function checkCapacity(spec: JobSpec, capacity: JobCapacity): void {
  if (spec.maxParallelism > capacity.maxParallelism)
    throw invalidArgument(
      `maxParallelism: ${spec.maxParallelism} is more than this engine's limit of ${capacity.maxParallelism} (WEIR_MAX_JOB_MAX_PARALLELISM)`,
    );
  const widest = spec.operators.reduce(
    (most, op, i) => {
      const parallelism = op.parallelism ?? spec.parallelism;
      return parallelism > most.parallelism
        ? { parallelism, field: `operators[${i}].parallelism` }
        : most;
    },
    { parallelism: spec.parallelism, field: 'parallelism' },
  );
  if (widest.parallelism > capacity.maxSlots)
    throw invalidArgument(
      `${widest.field}: ${widest.parallelism} subtasks need as many worker threads; this engine runs at most ${capacity.maxSlots} per job (WEIR_MAX_JOB_SLOTS)`,
    );
}
