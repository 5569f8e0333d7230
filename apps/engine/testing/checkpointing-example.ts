import { FlinkRestBackend } from '../src/backends/flink/flink-rest-backend.js';
import type { TestFlink } from './test-flink.js';
import { waitFor } from './wait-for.js';

/**
 * A backend on `flink` with generous bounds for a loaded test machine, and the example job
 * submitted through it at parallelism 2 (so it knows the jar to run again), once it has
 * completed a checkpoint.
 */
export async function checkpointingExample(
  flink: TestFlink,
  clusterId: string,
): Promise<{ backend: FlinkRestBackend; jobId: string }> {
  const backend = new FlinkRestBackend({
    clusterId,
    restUrl: flink.restUrl,
    timeoutMs: 10_000,
    savepointTimeoutMs: 60_000,
    settleTimeoutMs: 60_000,
  });
  const example = await flink.uploadExample();
  const jobId = await backend.jars.submit({
    ...example,
    args: ['--rate', '2000', '--checkpoint-interval', '500'],
    parallelism: 2,
  });
  await waitFor(
    'the example job to checkpoint',
    async () => (await backend.checkpointCounts(jobId)).completed > 0,
    60_000,
    200,
  );
  return { backend, jobId };
}
