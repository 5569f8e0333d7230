// Shared by the benchmarks that load the API: signed-in clients polling a job page's queries
// as one batch each, at the console's cadence.
import { signedInClient } from '@weir/engine/testing';

export interface PagePolling {
  clients: number;
  everyMs: number;
  jobId: string;
  vertexId: string;
  stopAt: number;
}

/**
 * `clients` signed-in pages on the engine at `port`, each polling the job page's queries as one
 * batch every `everyMs` until `stopAt`; each batch's latency goes into `latencies`. Resolves
 * with how many batches failed.
 */
export async function pollPages(
  port: number,
  polling: PagePolling,
  latencies: number[],
): Promise<number> {
  const { clients, everyMs, jobId, vertexId, stopAt } = polling;
  // One after another: sign-ins are hashed two at a time, and the rest would be turned away.
  const pages: Array<Awaited<ReturnType<typeof signedInClient>>> = [];
  for (let i = 0; i < clients; i++) pages.push(await signedInClient(port));
  let failures = 0;
  await Promise.all(
    pages.map(async (api, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * everyMs) / clients));
      while (Date.now() < stopAt) {
        const started = performance.now();
        try {
          await Promise.all([
            api.jobs.get.query({ jobId }),
            api.jobs.loadHistory.query({ jobId, vertexId }),
            api.checkpoints.list.query({ jobId, limit: 20 }),
            api.checkpoints.counts.query({ jobId }),
            api.cluster.overview.query(),
          ]);
          latencies.push(performance.now() - started);
        } catch {
          failures += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    }),
  );
  return failures;
}
