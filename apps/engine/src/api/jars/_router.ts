import {
  type JarRunInput,
  JarRunInputSchema,
  JarRunResultSchema,
  JarUpgradeInputSchema,
  JarUploadInputSchema,
  JobOperationSchema,
  JobPlanSchema,
  UploadedJarSchema,
} from '@weir/contract';
import type { ApiContext } from '../context.js';
import { operatorProcedure, router } from '../trpc.js';
import { flinkCluster } from './flink-cluster.js';

/** The cluster of a plan or run request, and the program it names, entry class filled in. */
async function programOf(ctx: ApiContext, input: JarRunInput) {
  const { cluster, parallelism, ...request } = input;
  const backend = await flinkCluster(ctx, cluster);
  return { backend, launch: { ...(await backend.jars.launch(request)), parallelism } };
}

/**
 * Jobs from uploaded jars on a Flink cluster (issue 18): upload, preview the job graph, run.
 * All three are operators' actions, audited like every mutation: the plan runs the program's
 * `main()` on the JobManager, so it is one too.
 */
export const jarsRouter = router({
  /**
   * Multipart form data (fields `cluster` and `jar`), the one call whose body may be larger
   * than 1 MiB (`isJarUpload` in trpc.ts). Answers with the entry classes the jar's manifest
   * names.
   */
  upload: operatorProcedure
    .input(JarUploadInputSchema)
    .output(UploadedJarSchema)
    .mutation(async ({ ctx, input }) =>
      (await flinkCluster(ctx, input.cluster)).jars.upload(input.jar),
    ),
  /** The job graph the program would run (`POST /jars/:id/plan`); nothing runs. */
  plan: operatorProcedure
    .input(JarRunInputSchema)
    .output(JobPlanSchema)
    .mutation(async ({ ctx, input }) => {
      const { backend, launch } = await programOf(ctx, input);
      return backend.jars.plan(launch);
    }),
  /**
   * Runs the program as a new job, answered once it runs; the backend records how it started,
   * so restores and rescales can run it again.
   */
  run: operatorProcedure
    .input(JarRunInputSchema)
    .output(JarRunResultSchema)
    .mutation(async ({ ctx, input }) => {
      const { backend, launch } = await programOf(ctx, input);
      return { jobId: await backend.jars.submit(launch) };
    }),
  /**
   * A running job to a new program with its state (stop with savepoint, run from it), rolled
   * back to the previous program if the new one does not run and checkpoint in time.
   */
  upgrade: operatorProcedure
    .input(JarUpgradeInputSchema)
    .output(JobOperationSchema)
    .mutation(async ({ ctx, input }) => {
      const { cluster, ...request } = input;
      return (await flinkCluster(ctx, cluster)).upgradeJar(request);
    }),
});
