import { hostname } from 'node:os';
import path from 'node:path';
import { EMBEDDED_CLUSTER, type JobSpec, kafkaSampleJobSpec, sampleJobSpec } from '@weir/contract';
import { alertSignals } from './alert-signals.js';
import { createAlerting } from './alerts/alerting.js';
import { startApiServer } from './api/http-server.js';
import { InstanceInspector } from './api/instances/instance-inspector.js';
import { leaderForwarding } from './api/leader-forwarding.js';
import { InstanceLogs } from './api/logs/instance-logs.js';
import { requestContextFactory } from './api/request-context.js';
import { AuthService } from './auth/auth-service.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { LoginRateLimiter } from './auth/login-rate-limiter.js';
import { SecretBox } from './auth/secret-box.js';
import type { ClusterBackend } from './backends/cluster-backend.js';
import { ClusterJobs } from './backends/cluster-jobs.js';
import { ClusterRegistry } from './backends/cluster-registry.js';
import { EmbeddedBackend } from './backends/embedded/embedded-backend.js';
import { createSnapshotPaths } from './checkpoint/storage/paths.js';
import { clusterView } from './cluster-view.js';
import type { EngineConfig } from './config/load-config.js';
import { ClusterRepository } from './db/cluster-repository.js';
import { DeadLetterRepository } from './db/dead-letter-repository.js';
import { FlinkLaunchRepository } from './db/flink-launch-repository.js';
import { FlinkSavepointRepository } from './db/flink-savepoint-repository.js';
import { JobEventRepository } from './db/job-event-repository.js';
import { JobRepository } from './db/job-repository.js';
import { JobTimeline } from './db/job-timeline.js';
import { JobVersionRepository } from './db/job-version-repository.js';
import { LeaderChangeRepository } from './db/leader-change-repository.js';
import { openDatabase } from './db/open-database.js';
import { SnapshotRepository } from './db/snapshot-repository.js';
import { createStore } from './db/store.js';
import { startHa } from './ha/ha-runtime.js';
import { loadJobSpecFile } from './jobs/load-job-spec.js';
import { failover, leadershipListener } from './leadership.js';
import { LogStore } from './logging/log-store.js';
import type { Logger } from './logging/logger.js';
import { EngineMetrics } from './metrics/engine-metrics.js';
import { LeaderMetrics } from './metrics/leader-metrics.js';
import { ResourceSampler } from './resources/resource-sampler.js';
import { warmWorkers } from './runtime/execution/worker-pool.js';
import { SavepointScheduler } from './savepoint-schedule/savepoint-scheduler.js';
import { savepointScheduleLoop } from './savepoint-schedule/schedule-loop.js';

export interface RunningEngine {
  port: number;
  backend: ClusterBackend;
  close(): Promise<void>;
}

/** How the other instances reach this one; 0.0.0.0 is where it listens, not an address. */
function advertisedAddress(api: EngineConfig['api'], port: number): string {
  if (api.advertisedUrl) return api.advertisedUrl.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::'].includes(api.host) ? hostname() : api.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function jobToRun(config: EngineConfig): Promise<JobSpec> {
  if (config.jobSpecFile) return loadJobSpecFile(config.jobSpecFile);
  const { checkpointIntervalMs, sampleJob } = config;
  if (sampleJob.kafkaBrokers.length > 0)
    return kafkaSampleJobSpec({ brokers: sampleJob.kafkaBrokers, checkpointIntervalMs });
  return sampleJobSpec({ ...sampleJob, checkpointIntervalMs });
}

const HOUR_MS = 3_600_000;

/** Drops timeline events past their retention, now and every hour; any instance may. */
function pruneTimeline(timeline: JobTimeline, days: number, logger: Logger): NodeJS.Timeout {
  const prune = () =>
    timeline
      .prune(days * 24 * HOUR_MS)
      .then((count) => count > 0 && logger.info({ count }, 'timeline events pruned'))
      .catch((err: unknown) => logger.warn({ err }, 'could not prune timeline events'));
  void prune();
  return setInterval(prune, HOUR_MS).unref();
}

/** Drops dead letters past their retention, now and every hour; any instance may. */
function pruneDeadLetters(
  deadLetters: DeadLetterRepository,
  { retentionDays, keptPerJob }: EngineConfig['deadLetters'],
  logger: Logger,
): NodeJS.Timeout {
  const prune = () =>
    deadLetters
      .prune(new Date(Date.now() - retentionDays * 24 * HOUR_MS), keptPerJob)
      .then((count) => count > 0 && logger.info({ count }, 'dead letters pruned'))
      .catch((err: unknown) => logger.warn({ err }, 'could not prune dead letters'));
  void prune();
  return setInterval(prune, HOUR_MS).unref();
}

/**
 * Wires database, HA, backend, metrics and API together, then joins the leader election: the
 * leader runs the jobs (the configured one if the cluster has none yet), standbys wait.
 */
export async function startEngine(
  config: EngineConfig,
  logger: Logger,
  /** Where `logger`'s lines are kept for `logs.query` (main.ts makes both); empty if absent. */
  logStore: LogStore = new LogStore(),
): Promise<RunningEngine> {
  const spec = await jobToRun(config);
  warmWorkers.keep(config.warmWorkers);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl || undefined,
    pgliteDir: path.join(config.dataDir, 'pglite'),
  });
  logger.info({ database: db.kind }, 'database ready');

  const startedAt = new Date().toISOString();
  let apiAddress = `http://${config.api.host}:${config.api.port}`;
  const self = () => ({ instanceId: config.instanceId, apiAddress, startedAt });
  const paths = createSnapshotPaths(config.checkpointDir, config.savepointDir);
  let leaderMetrics: LeaderMetrics | null = null;
  const ha = await startHa(config, paths, self, logger, (op, seconds) =>
    leaderMetrics?.zookeeperRequest(op, seconds),
  );
  logger.info({ mode: ha.mode }, 'high availability ready');

  let metrics: EngineMetrics | null = null;
  const snapshots = new SnapshotRepository(db.prisma);
  const leaderChanges = new LeaderChangeRepository(db.prisma);
  const jobRecords = new JobRepository(db.prisma);
  const timeline = new JobTimeline(
    new JobEventRepository(db.prisma),
    config.instanceId,
    logger,
    Date.now,
  );
  const pruning = pruneTimeline(timeline, config.timelineRetentionDays, logger);
  const deadLetters = new DeadLetterRepository(db.prisma);
  const deadLetterPruning = pruneDeadLetters(deadLetters, config.deadLetters, logger);
  const backend: ClusterBackend = new EmbeddedBackend({
    clusterId: config.clusterId,
    ha: ha.jobHa,
    cluster: clusterView(ha, leaderChanges),
    paths,
    history: snapshots,
    jobs: jobRecords,
    logger,
    now: Date.now,
    operatorsDir: config.operatorsDir ? path.resolve(config.operatorsDir) : null,
    fileSinkRoot: config.fileSinkRoot,
    secretsDir: config.secretsDir,
    capacity: config.jobCapacity,
    timeline,
    onSnapshotCompleted: (job, s) =>
      metrics?.snapshotCompleted(job, s.kind, s.durationMs, s.sizeBytes),
    onSnapshotFailed: (job, kind, reason) => metrics?.snapshotFailed(job, kind, reason),
    versions: new JobVersionRepository(db.prisma),
    deadLetters,
  });
  // Seals Flink clusters' Authorization headers and notification channels' secrets.
  const secrets = config.clusterSecretsKey
    ? new SecretBox(Buffer.from(config.clusterSecretsKey, 'base64'))
    : null;
  const clusters = new ClusterRegistry({
    embedded: backend,
    clusters: new ClusterRepository(db.prisma),
    launches: new FlinkLaunchRepository(db.prisma),
    savepoints: new FlinkSavepointRepository(db.prisma),
    secrets,
    now: Date.now,
  });
  const differing = await clusters.registerConfigured(config.flinkClusters);
  if (differing.length > 0)
    logger.warn(
      { clusters: differing },
      'WEIR_FLINK_CLUSTERS names clusters registered already under another URL: the registered URL is kept',
    );
  const resources = new ResourceSampler();
  resources.start();
  metrics = new EngineMetrics(backend, resources);
  leaderMetrics = new LeaderMetrics(metrics.registry, ha.coordination);

  const store = createStore(db.prisma);
  await ensureFirstAdmin(store.users, { password: config.auth.adminPassword, logger });
  const auth = new AuthService({
    store,
    limiter: new LoginRateLimiter({ ...config.auth.loginLimits, now: Date.now }),
    sessionTtlMs: config.auth.sessionTtlMinutes * 60_000,
    now: Date.now,
  });
  const clusterJobs = new ClusterJobs(clusters);
  const alerting = createAlerting({
    alerts: store.alerts,
    signals: alertSignals({
      clusterJobs,
      embeddedCheckpointFailuresSince: (jobId, since) =>
        snapshots.countFailedCheckpoints(jobId, since),
      leaderChangesSince: (since) => leaderChanges.countSince(since),
      coordinationLost: () => ['connecting', 'suspended', 'expired'].includes(ha.coordination()),
    }),
    evaluationIntervalMs: config.alerts.evaluationIntervalMs,
    webhookUrl: config.alerts.webhookUrl,
    clusterId: config.clusterId,
    logger,
    timeline,
    secrets,
    consoleUrl: config.consoleUrl,
    clusterOf: (jobId) => clusterJobs.clusterOf(jobId),
    labelsOf: (jobId) => clusterJobs.labelsOf(jobId),
  });
  const savepointSchedule = savepointScheduleLoop(
    new SavepointScheduler({
      policies: store.savepointPolicies,
      backend: (clusterId) => clusters.backend(clusterId),
      // Embedded clusters pin the snapshot a restore was checked against (restore wizard).
      pinned: (clusterId, snapshotPath) =>
        clusterId === EMBEDDED_CLUSTER && paths.claims.isClaimed(snapshotPath),
      audit: (entry) => store.audit.record(entry),
      now: Date.now,
      logger: logger.child({ component: 'savepoint-schedule' }),
    }),
    logger,
  );
  let ready = false;
  const { server, port } = await startApiServer({
    host: config.api.host,
    port: config.api.port,
    registry: metrics.registry,
    createContext: requestContextFactory({
      clusters,
      store,
      auth,
      trustedProxies: config.auth.trustedProxies,
      // The engine's own origin too, known once it listens (a browser opened on the engine).
      allowedOrigins: () => [...config.auth.allowedOrigins, new URL(apiAddress).origin],
      now: Date.now,
      alerting,
      timeline,
      deadLetters,
      cluster: {
        failover: () => failover({ instanceId: config.instanceId, ha, leaderChanges }),
      },
      logger,
      anonymousRefusalLimit: config.auth.anonymousRefusals,
      logs: new InstanceLogs({
        instanceId: config.instanceId,
        store: logStore,
        instances: () => ha.instances(),
      }),
      instances: new InstanceInspector({
        instanceId: config.instanceId,
        sampler: resources,
        instances: () => ha.instances(),
      }),
    }),
    forward: leaderForwarding({
      instanceId: config.instanceId,
      isLeader: () => ha.leader.isLeader(),
      leaderAddress: async () => {
        const leaderId = await ha.leaderInstanceId();
        const instances = await ha.instances();
        return instances.find((i) => i.instanceId === leaderId)?.apiAddress ?? null;
      },
    }),
    isReady: () => ready,
  });
  apiAddress = advertisedAddress(config.api, port);
  logger.info({ address: apiAddress }, 'API listening');

  await ha.election.start(
    leadershipListener({
      instanceId: config.instanceId,
      ha,
      backend,
      leaderChanges,
      loops: [alerting, savepointSchedule],
      metrics: leaderMetrics,
      initialJob: spec,
      submitsInitialJob: async () => ha.mode === 'embedded' || !(await jobRecords.exists(spec.id)),
      logger,
    }),
  );
  ready = true;

  return {
    port,
    backend,
    async close() {
      ready = false;
      clearInterval(pruning);
      clearInterval(deadLetterPruning);
      await ha.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
      await resources.stop();
      await timeline.flushed();
      await db.close();
      await warmWorkers.close();
    },
  };
}
