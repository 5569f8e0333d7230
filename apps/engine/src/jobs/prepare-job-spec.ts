import type { JobSpec } from '@weir/contract';
import { loadCustomOperators } from '../operators/custom/load-custom-operators.js';
import { validateOperatorSpec } from '../operators/registry.js';
import { confinedPath } from './confined-path.js';
import { withPreparedConnection } from './kafka-secrets.js';

/**
 * Checks what the spec's schema cannot (expressions compile, custom modules exist, files lie
 * under the file sink root) before anything runs, and pins what every subtask must agree on:
 * a datagen source without a fixed start time gets the submission time, so all its subtasks
 * generate the same event times, a file sink's path becomes absolute, symlinks resolved, and
 * a Kafka connection's secret files are confined to the secrets folder and its environment
 * variables must be set.
 */
export async function prepareJobSpec(
  spec: JobSpec,
  env: {
    now: () => number;
    operatorsDir: string | null;
    fileSinkRoot: string;
    secretsDir: string;
  },
): Promise<JobSpec> {
  const customOperators = env.operatorsDir
    ? await loadCustomOperators(env.operatorsDir)
    : new Map();
  const job = { id: spec.id, checkpointIntervalMs: spec.checkpointing.intervalMs };
  for (const op of spec.operators) validateOperatorSpec(op, { now: env.now, customOperators, job });
  const submittedAt = env.now();
  return {
    ...spec,
    operators: spec.operators.map((op, i) => {
      if (op.kind === 'datagen' && op.config.startTime === undefined)
        return { ...op, config: { ...op.config, startTime: submittedAt } };
      if (op.kind === 'file-sink') {
        const field = `operators[${i}].config.path`;
        return { ...op, config: { path: confinedPath(op.config.path, [env.fileSinkRoot], field) } };
      }
      if (op.kind === 'kafka-source' || op.kind === 'kafka-sink')
        return withPreparedConnection(op, `operators[${i}].config.connection`, env.secretsDir);
      return op;
    }),
  };
}
