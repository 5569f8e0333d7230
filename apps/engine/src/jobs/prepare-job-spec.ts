import type { JobSpec } from '@weir/shared';
import { loadCustomOperators } from '../operators/custom/load-custom-operators.js';
import { validateOperatorSpec } from '../operators/registry.js';

/**
 * Checks what the spec's schema cannot (expressions compile, custom modules exist) before
 * anything runs, and pins what every subtask must agree on: a datagen source without a fixed
 * start time gets the submission time, so all its subtasks generate the same event times.
 */
export async function prepareJobSpec(
  spec: JobSpec,
  env: { now: () => number; operatorsDir: string | null },
): Promise<JobSpec> {
  const customOperators = env.operatorsDir
    ? await loadCustomOperators(env.operatorsDir)
    : new Map();
  for (const op of spec.operators) validateOperatorSpec(op, { now: env.now, customOperators });
  const submittedAt = env.now();
  return {
    ...spec,
    operators: spec.operators.map((op) =>
      op.kind === 'datagen' && op.config.startTime === undefined
        ? { ...op, config: { ...op.config, startTime: submittedAt } }
        : op,
    ),
  };
}
