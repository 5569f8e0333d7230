import { checkpointsRouter } from './checkpoints/_router.js';
import { clusterRouter } from './cluster/_router.js';
import { jobsRouter } from './jobs/_router.js';
import { savepointsRouter } from './savepoints/_router.js';
import { router } from './trpc.js';

export const appRouter = router({
  cluster: clusterRouter,
  jobs: jobsRouter,
  checkpoints: checkpointsRouter,
  savepoints: savepointsRouter,
});

export type AppRouter = typeof appRouter;
