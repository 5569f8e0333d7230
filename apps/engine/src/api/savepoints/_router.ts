import {
  DisposeSavepointInputSchema,
  KeepSavepointInputSchema,
  SavepointPolicyInputSchema,
  SavepointStatusInputSchema,
  SavepointTriggerStatusSchema,
  SetSavepointPolicyInputSchema,
  SnapshotListInputSchema,
  SnapshotSchema,
  StopWithSavepointInputSchema,
  StoredSavepointPolicySchema,
  TriggerSavepointInputSchema,
} from '@weir/contract';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { conflict } from '../../errors/weir-error.js';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const savepointsRouter = router({
  /** Newest first, each naming who kept it from retention, if anyone did. */
  list: viewerProcedure
    .input(SnapshotListInputSchema)
    .output(z.array(SnapshotSchema))
    .query(async ({ ctx, input }) => {
      const backend = await ctx.clusters.backend(input.cluster);
      const [savepoints, kept] = await Promise.all([
        backend.listSavepoints(input.jobId, input.limit),
        ctx.store.savepointPolicies.kept({ clusterId: input.cluster, jobId: input.jobId }),
      ]);
      return savepoints.map((s) => ({ ...s, keptBy: kept.get(s.checkpointId) ?? null }));
    }),
  /** The job's savepoint schedule and retention; none until an operator sets one. */
  policy: viewerProcedure
    .input(SavepointPolicyInputSchema)
    .output(StoredSavepointPolicySchema)
    .query(({ ctx, input }) =>
      ctx.store.savepointPolicies.get({ clusterId: input.cluster, jobId: input.jobId }),
    ),
  /** Sets the job's schedule and retention; the leader carries it out within half a minute. */
  setPolicy: operatorProcedure
    .input(SetSavepointPolicyInputSchema)
    .output(StoredSavepointPolicySchema)
    .mutation(async ({ ctx, input }) => {
      const job = { clusterId: input.cluster, jobId: input.jobId };
      await (await ctx.clusters.backend(input.cluster)).getJob(input.jobId); // NOT_FOUND
      const by = actorOf(ctx.principal);
      await ctx.audit.transaction((db) =>
        db.savepointPolicies.set(job, input.policy, by, new Date(ctx.auth.now())),
      );
      return ctx.store.savepointPolicies.get(job);
    }),
  /** Keeps a completed savepoint from retention, or gives it back (`keep: false`). */
  keep: operatorProcedure
    .input(KeepSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) => {
      const job = { clusterId: input.cluster, jobId: input.jobId };
      const backend = await ctx.clusters.backend(input.cluster);
      const savepoint = await backend.getSnapshot(input.jobId, 'SAVEPOINT', input.checkpointId);
      const by = actorOf(ctx.principal);
      await ctx.audit.transaction((db) =>
        input.keep
          ? db.savepointPolicies.keep(job, input.checkpointId, by, new Date(ctx.auth.now()))
          : db.savepointPolicies.release(job, input.checkpointId),
      );
      const kept = await ctx.store.savepointPolicies.kept(job);
      return { ...savepoint, keptBy: kept.get(input.checkpointId) ?? null };
    }),
  trigger: operatorProcedure
    .input(TriggerSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).triggerSavepoint(input.jobId, input.triggerId),
    ),
  /** Deletes a savepoint's files; refused for one kept from retention until it is given back. */
  dispose: operatorProcedure
    .input(DisposeSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) => {
      const job = { clusterId: input.cluster, jobId: input.jobId };
      const keptBy = (await ctx.store.savepointPolicies.kept(job)).get(input.checkpointId);
      if (keptBy)
        throw conflict(
          `savepoint ${input.checkpointId} of job ${input.jobId} is kept by ${keptBy}; give it back to retention first`,
        );
      const backend = await ctx.clusters.backend(input.cluster);
      return backend.disposeSavepoint(input.jobId, input.checkpointId);
    }),
  status: viewerProcedure
    .input(SavepointStatusInputSchema)
    .output(SavepointTriggerStatusSchema)
    .query(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).savepointStatus(input.jobId, input.triggerId),
    ),
  /** Takes a savepoint and stops the job at it (after firing every window if `drain`). */
  stop: operatorProcedure
    .input(StopWithSavepointInputSchema)
    .output(SnapshotSchema)
    .mutation(async ({ ctx, input }) =>
      (await ctx.clusters.backend(input.cluster)).stopWithSavepoint(input.jobId, input.drain),
    ),
});
