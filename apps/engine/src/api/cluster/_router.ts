import {
  ClusterOverviewSchema,
  ClusterScopeInputSchema,
  FailoverResultSchema,
} from '@weir/contract';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const clusterRouter = router({
  overview: viewerProcedure
    .input(ClusterScopeInputSchema)
    .output(ClusterOverviewSchema)
    .query(async ({ ctx, input }) => (await ctx.clusters.backend(input.cluster)).overview()),
  /** The leader steps down and a standby takes over; answers with who leads now and how fast. */
  failover: operatorProcedure
    .output(FailoverResultSchema)
    .mutation(({ ctx }) => ctx.cluster.failover()),
});
