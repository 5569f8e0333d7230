import {
  ClusterScopeInputSchema,
  ClusterScopeShape,
  EMBEDDED_CLUSTER,
  JobDetailSchema,
  JobEventSchema,
  JobExceptionSchema,
  JobOperationSchema,
  JobPlanInputSchema,
  JobPlanSchema,
  JobRefInputSchema,
  type JobSpec,
  JobSpecSchema,
  JobSummarySchema,
  JobTimelineInputSchema,
  JobVersionSchema,
  OperationRefSchema,
  RecentResultsInputSchema,
  RescaleInputSchema,
  RestoreCheckSchema,
  RestoreInputSchema,
  RollbackInputSchema,
  redactSecrets,
  UpgradeCheckInputSchema,
  UpgradeCheckSchema,
  UpgradeInputSchema,
  VertexLoadHistorySchema,
  VertexRefInputSchema,
  WindowResultSchema,
} from '@weir/contract';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';
import { deadLetterProcedures } from './dead-letters.js';

export const jobsRouter = router({
  ...deadLetterProcedures,
  list: viewerProcedure
    .input(ClusterScopeInputSchema)
    .output(z.array(JobSummarySchema))
    .query(async ({ ctx, input }) => (await ctx.clusters.backend(input.cluster)).listJobs()),
  get: viewerProcedure
    .input(JobRefInputSchema)
    .output(JobDetailSchema)
    .query(async ({ ctx, input }) => {
      const job = await (await ctx.clusters.backend(input.cluster)).getJob(input.jobId);
      // Viewers may read the spec, not the credentials in its connector configs.
      return job.spec ? { ...job, spec: redactSecrets(job.spec) as JobSpec } : job;
    }),
  /**
   * Starts a job from a Weir spec on the embedded cluster; restores from the job's newest valid
   * checkpoint if it has one.
   */
  submit: operatorProcedure
    .input(JobSpecSchema)
    .output(JobSummarySchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(EMBEDDED_CLUSTER)).submitJob(input, actorOf(ctx.principal)),
    ),
  /** Every spec the job ran, newest first, secrets redacted as in `get`. */
  versions: viewerProcedure
    .input(JobRefInputSchema)
    .output(z.array(JobVersionSchema))
    .query(async ({ ctx, input }) => {
      const versions = await (await ctx.clusters.backend(input.cluster)).versionsOf(input.jobId);
      return versions.map((v) => ({ ...v, spec: redactSecrets(v.spec) as JobSpec }));
    }),
  /**
   * The dry run of an upgrade of an embedded job: what the spec changes and what happens to
   * state, against the job's newest checkpoint. A mutation because a spec is too large for a
   * URL; an operator's, like the upgrade it prepares.
   */
  upgradeCheck: operatorProcedure
    .input(UpgradeCheckInputSchema)
    .output(UpgradeCheckSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(EMBEDDED_CLUSTER)).upgradeCheck(input),
    ),
  /** Stop with state, start the new spec from it, roll back if it does not prove itself. */
  upgrade: operatorProcedure
    .input(UpgradeInputSchema)
    .output(JobOperationSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(EMBEDDED_CLUSTER)).upgrade(input, actorOf(ctx.principal)),
    ),
  /** Runs an earlier version's spec again, as an upgrade to it (recorded as a new version). */
  rollback: operatorProcedure
    .input(RollbackInputSchema)
    .output(JobOperationSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(EMBEDDED_CLUSTER)).rollback(input, actorOf(ctx.principal)),
    ),
  /**
   * The job graph a spec would run on the embedded cluster, checked as a submit checks it
   * (fields, capacity, paths); nothing runs. A mutation because a spec is too large for a URL;
   * an operator's, like the submit it previews.
   */
  plan: operatorProcedure
    .input(JobPlanInputSchema)
    .output(JobPlanSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(EMBEDDED_CLUSTER)).planJob(input.spec),
    ),
  /** Per-subtask busy and backpressured ratios over the last minutes. */
  loadHistory: viewerProcedure
    .input(VertexRefInputSchema)
    .output(VertexLoadHistorySchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).vertexLoadHistory(input.jobId, input.vertexId),
    ),
  recentResults: viewerProcedure
    .input(RecentResultsInputSchema)
    .output(z.array(WindowResultSchema))
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).recentResults(input.jobId, input.limit),
    ),
  exceptions: viewerProcedure
    .input(JobRefInputSchema)
    .output(z.array(JobExceptionSchema))
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).exceptions(input.jobId),
    ),
  /** What happened to the job, newest first: kept in the database, past failover and restart. */
  timeline: viewerProcedure
    // The cluster is taken like every job call's; job ids of different clusters never collide
    // (Flink's are 32 hex digits), so the timeline is kept per job id.
    .input(JobTimelineInputSchema.extend(ClusterScopeShape))
    .output(z.array(JobEventSchema))
    .query(({ ctx, input }) => ctx.timeline.list(input)),
  /** Dry run of a restore: what would be restored, dropped or start empty. Reads the snapshot. */
  restoreCheck: operatorProcedure
    .input(RestoreInputSchema)
    .output(RestoreCheckSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).restoreCheck(input),
    ),
  cancel: operatorProcedure
    .input(JobRefInputSchema)
    .output(JobSummarySchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).cancel(input.jobId),
    ),
  restore: operatorProcedure
    .input(RestoreInputSchema)
    .output(JobOperationSchema)
    .mutation(async ({ ctx, input }) => (await ctx.clusters.backend(input.cluster)).restore(input)),
  rescale: operatorProcedure
    .input(RescaleInputSchema)
    .output(JobOperationSchema)
    .mutation(async ({ ctx, input }) => (await ctx.clusters.backend(input.cluster)).rescale(input)),
  operation: viewerProcedure
    .input(OperationRefSchema)
    .output(JobOperationSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).operation(input.operationId),
    ),
  /** The job's restores and rescales, newest first, running ones included. */
  operations: viewerProcedure
    .input(JobRefInputSchema)
    .output(z.array(JobOperationSchema))
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).listOperations(input.jobId),
    ),
});
