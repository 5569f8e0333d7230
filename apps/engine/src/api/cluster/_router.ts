import { ClusterOverviewSchema } from '@weir/shared';
import { publicProcedure, router } from '../trpc.js';

export const clusterRouter = router({
  overview: publicProcedure
    .output(ClusterOverviewSchema)
    .query(({ ctx }) => ctx.backend.overview()),
});
