import path from 'node:path';
import type { Instance, JobSpec } from '@weir/shared';
import { createAlerting } from './alerts/alerting.js';
import { startApiServer } from './api/http-server.js';
import { requestContextFactory } from './api/request-context.js';
import { AuthService } from './auth/auth-service.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { EmbeddedBackend } from './backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from './checkpoint/paths.js';
import type { EngineConfig } from './config/load-config.js';
import { JobRepository } from './db/job-repository.js';
import { openDatabase } from './db/open-database.js';
import { SnapshotRepository } from './db/snapshot-repository.js';
import { createStore } from './db/store.js';
import { loadJobSpecFile } from './jobs/load-job-spec.js';
import { sampleJobSpec } from './jobs/sample-job.js';
import type { Logger } from './logging/logger.js';
import { EngineMetrics } from './metrics/engine-metrics.js';

export interface RunningEngine {
  port: number;
  backend: EmbeddedBackend;
  close(): Promise<void>;
}

async function jobToRun(config: EngineConfig): Promise<JobSpec> {
  if (config.jobSpecFile) return loadJobSpecFile(config.jobSpecFile);
  return sampleJobSpec({ ...config.sampleJob, checkpointIntervalMs: config.checkpointIntervalMs });
}

/** Wires database, backend, metrics and API together and starts the configured job. */
export async function startEngine(config: EngineConfig, logger: Logger): Promise<RunningEngine> {
  const spec = await jobToRun(config);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl || undefined,
    pgliteDir: path.join(config.dataDir, 'pglite'),
  });
  logger.info({ database: db.kind }, 'database ready');

  const startedAt = new Date().toISOString();
  let apiAddress = `http://${config.api.host}:${config.api.port}`;
  const instance = (): Instance => ({
    instanceId: config.instanceId,
    role: 'leader',
    apiAddress,
    startedAt,
  });
  let metrics: EngineMetrics | null = null;
  const snapshots = new SnapshotRepository(db.prisma);
  const backend = new EmbeddedBackend({
    clusterId: config.clusterId,
    get instance() {
      return instance();
    },
    paths: createSnapshotPaths(config.checkpointDir, config.savepointDir),
    history: snapshots,
    jobs: new JobRepository(db.prisma),
    logger,
    now: Date.now,
    operatorsDir: config.operatorsDir ? path.resolve(config.operatorsDir) : null,
    onSnapshotCompleted: (job, s) =>
      metrics?.snapshotCompleted(job, s.kind, s.durationMs, s.sizeBytes),
    onSnapshotFailed: (job, kind, reason) => metrics?.snapshotFailed(job, kind, reason),
  });
  metrics = new EngineMetrics(backend);
  // The embedded HA mode has a single instance, which therefore always leads.
  metrics.setLeader(true);

  const store = createStore(db.prisma);
  await ensureFirstAdmin(store.users, { password: config.auth.adminPassword, logger });
  const auth = new AuthService({
    store,
    limiter: new LoginRateLimiter({ ...config.auth.loginLimits, now: Date.now }),
    sessionTtlMs: config.auth.sessionTtlMinutes * 60_000,
    now: Date.now,
  });
  const alerting = createAlerting({
    alerts: store.alerts,
    signals: {
      jobs: () => backend.listJobs(),
      checkpointFailuresSince: (jobId, since) => snapshots.countFailedCheckpoints(jobId, since),
      vertexMetrics: async (jobId) => (await backend.getJob(jobId)).vertices.map((v) => v.metrics),
    },
    evaluationIntervalMs: config.alerts.evaluationIntervalMs,
    webhookUrl: config.alerts.webhookUrl,
    clusterId: config.clusterId,
    logger,
  });
  let ready = false;
  const { server, port } = await startApiServer({
    host: config.api.host,
    port: config.api.port,
    registry: metrics.registry,
    createContext: requestContextFactory({
      backend,
      store,
      auth,
      trustedProxies: config.auth.trustedProxies,
      allowedOrigins: config.auth.allowedOrigins,
      now: Date.now,
      alerting,
    }),
    isReady: () => ready,
  });
  apiAddress = `http://${config.api.host}:${port}`;
  logger.info({ address: apiAddress }, 'API listening');

  await backend.submit(spec);
  alerting.start();
  ready = true;

  return {
    port,
    backend,
    async close() {
      ready = false;
      await alerting.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      await db.close();
    },
  };
}
