import path from 'node:path';
import type { Instance, JobSpec } from '@weir/shared';
import { startApiServer } from './api/http-server.js';
import { EmbeddedBackend } from './backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from './checkpoint/paths.js';
import type { EngineConfig } from './config/load-config.js';
import { AuditRepository } from './db/audit-repository.js';
import { JobRepository } from './db/job-repository.js';
import { openDatabase } from './db/open-database.js';
import { SnapshotRepository } from './db/snapshot-repository.js';
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
  const backend = new EmbeddedBackend({
    clusterId: config.clusterId,
    get instance() {
      return instance();
    },
    paths: createSnapshotPaths(config.checkpointDir, config.savepointDir),
    history: new SnapshotRepository(db.prisma),
    jobs: new JobRepository(db.prisma),
    logger,
    now: Date.now,
    onSnapshotCompleted: (job, s) =>
      metrics?.snapshotCompleted(job, s.kind, s.durationMs, s.sizeBytes),
    onSnapshotFailed: (job, kind) => metrics?.snapshotFailed(job, kind),
  });
  metrics = new EngineMetrics(backend);
  // The embedded HA mode has a single instance, which therefore always leads.
  metrics.setLeader(true);

  const audit = new AuditRepository(db.prisma);
  let ready = false;
  const { server, port } = await startApiServer({
    host: config.api.host,
    port: config.api.port,
    registry: metrics.registry,
    createContext: (req) => ({
      backend,
      audit,
      actor: 'anonymous',
      sourceAddress: req.socket.remoteAddress ?? null,
    }),
    isReady: () => ready,
  });
  apiAddress = `http://${config.api.host}:${port}`;
  logger.info({ address: apiAddress }, 'API listening');

  await backend.submit(spec);
  ready = true;

  return {
    port,
    backend,
    async close() {
      ready = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      await db.close();
    },
  };
}
