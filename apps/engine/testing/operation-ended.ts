import type { JobOperation } from '@weir/contract';
import type { ClusterBackend } from '../src/backends/cluster-backend.js';
import { waitFor } from './wait-for.js';

/**
 * The operation once it has ended (succeeded or failed), as `backend` reports it. Generous by
 * default: a Flink savepoint and resubmission on a loaded test machine take tens of seconds.
 */
export function operationEnded(
  backend: Pick<ClusterBackend, 'operation'>,
  started: Pick<JobOperation, 'id' | 'kind'>,
  timeoutMs = 120_000,
): Promise<JobOperation> {
  return waitFor(
    `the ${started.kind} ${started.id} to end`,
    async () => {
      const operation = await backend.operation(started.id);
      return operation.status === 'RUNNING' ? undefined : operation;
    },
    timeoutMs,
    200,
  );
}
