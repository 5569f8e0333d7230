import { ClusterOverviewSchema, FailoverResultSchema } from '@weir/contract';
import { operatorProcedure, router, viewerProcedure } from '../trpc.js';

export const clusterRouter = router({
  overview: viewerProcedure
    .output(ClusterOverviewSchema)
    .query(({ ctx }) => ctx.backend.overview()),
  /** The leader steps down and a standby takes over; answers with who leads now and how fast. */
  failover: operatorProcedure
    .output(FailoverResultSchema)
    .mutation(({ ctx }) => ctx.cluster.failover()),
});
