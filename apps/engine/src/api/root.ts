import { alertsRouter } from './alerts/_router.js';
import { auditRouter } from './audit/_router.js';
import { authRouter } from './auth/_router.js';
import { checkpointsRouter } from './checkpoints/_router.js';
import { clusterRouter } from './cluster/_router.js';
import { clustersRouter } from './clusters/_router.js';
import { instancesRouter } from './instances/_router.js';
import { jarsRouter } from './jars/_router.js';
import { jobsRouter } from './jobs/_router.js';
import { logsRouter } from './logs/_router.js';
import { savepointsRouter } from './savepoints/_router.js';
import { tokensRouter } from './tokens/_router.js';
import { router } from './trpc.js';
import { usersRouter } from './users/_router.js';

export const appRouter = router({
  auth: authRouter,
  cluster: clusterRouter,
  clusters: clustersRouter,
  jobs: jobsRouter,
  jars: jarsRouter,
  checkpoints: checkpointsRouter,
  savepoints: savepointsRouter,
  alerts: alertsRouter,
  audit: auditRouter,
  logs: logsRouter,
  instances: instancesRouter,
  users: usersRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
