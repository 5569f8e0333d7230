import { FlinkRestBackend } from '../../backends/flink/flink-rest-backend.js';
import { invalidArgument } from '../../errors/weir-error.js';
import type { ApiContext } from '../context.js';

/**
 * The Flink cluster registered as `cluster`: only Flink runs jars. The embedded cluster runs
 * Weir job specs (jobs.submit) and is refused, naming the field; an unknown name is NOT_FOUND.
 */
export async function flinkCluster(ctx: ApiContext, cluster: string): Promise<FlinkRestBackend> {
  const backend = await ctx.clusters.backend(cluster);
  if (backend instanceof FlinkRestBackend) return backend;
  throw invalidArgument(
    `cluster: ${cluster} runs Weir job specs (submit them with jobs.submit), not jars; jars run on registered Flink clusters`,
  );
}
