import { ClusterRefSchema, ClusterSummarySchema, RegisterClusterInputSchema } from '@weir/contract';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { adminProcedure, router, viewerProcedure } from '../trpc.js';

/** The clusters this console serves: the embedded engine and registered Flink clusters. */
export const clustersRouter = router({
  /** Every cluster with its health ("unreachable since …"), version, slots and job counts. */
  list: viewerProcedure
    .output(z.array(ClusterSummarySchema))
    .query(({ ctx }) => ctx.clusters.list()),
  /** Registers a Flink cluster once it answered at the URL given. */
  register: adminProcedure
    .input(RegisterClusterInputSchema)
    .output(ClusterSummarySchema)
    .mutation(({ ctx, input }) => ctx.clusters.register(input, actorOf(ctx.principal))),
  /** Forgets a Flink cluster; its jobs keep running there. */
  remove: adminProcedure
    .input(ClusterRefSchema)
    .output(z.object({ removed: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.clusters.remove(input.cluster);
      return { removed: input.cluster };
    }),
});
