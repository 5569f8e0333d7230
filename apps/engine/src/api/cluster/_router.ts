import { ClusterOverviewSchema } from '@weir/shared';
import { router, viewerProcedure } from '../trpc.js';

export const clusterRouter = router({
  overview: viewerProcedure
    .output(ClusterOverviewSchema)
    .query(({ ctx }) => ctx.backend.overview()),
});
