import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';

const FailureLimitSchema = z.object({
  maxFailures: z.number().int().positive(),
  windowMs: z.number().int().positive(),
});

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

const ConfigSchema = z
  .object({
    instanceId: z.string().min(1),
    clusterId: z.string().regex(/^[a-zA-Z0-9_-]+$/),
    api: z.object({
      host: z.string().min(1),
      port: z.number().int().min(0).max(65535),
      advertisedUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    }),
    consoleUrl: z.union([
      z.literal(''),
      z
        .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
        .refine((u) => !/[?#]/.test(u), "the console's address, without ? or #"),
    ]),
    dataDir: z.string().min(1),
    databaseUrl: z.union([z.literal(''), z.url({ protocol: /^postgres(ql)?$/ })]),
    checkpointDir: z.string().min(1),
    savepointDir: z.string().min(1),
    fileSinkRoot: z.string().min(1),
    secretsDir: z.string().min(1),
    jobCapacity: z.object({
      maxSlots: z.number().int().min(1).max(1024),
      maxParallelism: z.number().int().min(1).max(32768),
    }),
    checkpointIntervalMs: z.number().int().min(100),
    timelineRetentionDays: z.number().int().min(1).max(3650),
    warmWorkers: z.number().int().min(0).max(64),
    deadLetters: z.object({
      retentionDays: z.number().int().min(1).max(3650),
      keptPerJob: z.number().int().min(1000).max(10_000_000),
    }),
    jobSpecFile: z.string(),
    operatorsDir: z.string(),
    flinkClusters: z.array(
      z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}=https?:\/\/[^\s,]+$/, 'name=http://host:port'),
    ),
    clusterSecretsKey: z.union([
      z.literal(''),
      z
        .string()
        .refine(
          (key) => /^[A-Za-z0-9+/]+=*$/.test(key) && Buffer.from(key, 'base64').length === 32,
          'base64 of 32 bytes (openssl rand -base64 32)',
        ),
    ]),
    sampleJob: z.object({
      ratePerSecond: z.number().positive(),
      seed: z.number().int(),
      /** Set: the sample job is the Kafka one (@weir/contract kafkaSampleJobSpec) on these brokers. */
      kafkaBrokers: z.array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')),
    }),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    auth: z.object({
      sessionTtlMinutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30),
      adminPassword: z.union([z.literal(''), z.string().min(10, 'at least 10 characters')]),
      trustedProxies: z.array(z.string().refine(isAddressOrSubnet, 'an IP address or CIDR range')),
      allowedOrigins: z.array(
        z.url().refine((u) => new URL(u).origin === u, 'an origin, like https://weir.example.com'),
      ),
      loginLimits: z.object({
        perAddress: FailureLimitSchema,
        perSource: FailureLimitSchema,
        perUser: FailureLimitSchema.extend({
          slowdownMsPerFailure: z.number().int().nonnegative(),
          maxSlowdownMs: z.number().int().nonnegative(),
        }),
        maxKeys: z.number().int().positive(),
      }),
      anonymousRefusals: FailureLimitSchema,
    }),
    ha: z.object({
      mode: z.enum(['embedded', 'zookeeper']),
      zookeeper: z.object({
        connect: z.string(),
        root: z.string().regex(/^(\/[a-zA-Z0-9_.-]+)+$/, 'an absolute ZooKeeper path like /weir'),
        sessionTimeoutMs: z.number().int().min(1000).max(120_000),
        connectTimeoutMs: z.number().int().min(100),
      }),
      heartbeatMs: z.number().int().min(100),
    }),
    alerts: z.object({
      evaluationIntervalMs: z.number().int().min(100),
      webhookUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    }),
  })
  .superRefine((config, ctx) => {
    if (config.ha.mode !== 'zookeeper') return;
    if (!config.ha.zookeeper.connect)
      ctx.addIssue({
        code: 'custom',
        path: ['ha', 'zookeeper', 'connect'],
        message: 'required when ha.mode is zookeeper (host:port,host:port,...)',
      });
    // Standbys must see the leader's history, users and audit: an embedded database is private.
    if (!config.databaseUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['databaseUrl'],
        message: 'a shared PostgreSQL is required when ha.mode is zookeeper',
      });
  });
export type EngineConfig = z.infer<typeof ConfigSchema>;

/** Environment variable for each config key, so errors can name what the user must fix. */
const ENV_KEYS = {
  instanceId: 'WEIR_INSTANCE_ID',
  clusterId: 'WEIR_CLUSTER_ID',
  'api.host': 'WEIR_API_HOST',
  'api.port': 'WEIR_API_PORT',
  'api.advertisedUrl': 'WEIR_API_ADVERTISED_URL',
  consoleUrl: 'WEIR_CONSOLE_URL',
  dataDir: 'WEIR_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  checkpointDir: 'WEIR_CHECKPOINT_DIR',
  savepointDir: 'WEIR_SAVEPOINT_DIR',
  fileSinkRoot: 'WEIR_FILE_SINK_ROOT',
  secretsDir: 'WEIR_SECRETS_DIR',
  'jobCapacity.maxSlots': 'WEIR_MAX_JOB_SLOTS',
  'jobCapacity.maxParallelism': 'WEIR_MAX_JOB_MAX_PARALLELISM',
  checkpointIntervalMs: 'WEIR_CHECKPOINT_INTERVAL_MS',
  timelineRetentionDays: 'WEIR_TIMELINE_RETENTION_DAYS',
  warmWorkers: 'WEIR_WARM_WORKERS',
  'deadLetters.retentionDays': 'WEIR_DEAD_LETTER_RETENTION_DAYS',
  'deadLetters.keptPerJob': 'WEIR_DEAD_LETTERS_KEPT_PER_JOB',
  jobSpecFile: 'WEIR_JOB_SPEC',
  operatorsDir: 'WEIR_OPERATORS_DIR',
  clusterSecretsKey: 'WEIR_CLUSTER_SECRETS_KEY',
  flinkClusters: 'WEIR_FLINK_CLUSTERS',
  'sampleJob.ratePerSecond': 'WEIR_SAMPLE_RATE',
  'sampleJob.seed': 'WEIR_SAMPLE_SEED',
  'sampleJob.kafkaBrokers': 'WEIR_KAFKA_BROKERS',
  logLevel: 'WEIR_LOG_LEVEL',
  'auth.sessionTtlMinutes': 'WEIR_SESSION_TTL_MINUTES',
  'auth.adminPassword': 'WEIR_ADMIN_PASSWORD',
  'auth.trustedProxies': 'WEIR_TRUSTED_PROXIES',
  'auth.allowedOrigins': 'WEIR_ALLOWED_ORIGINS',
  'ha.mode': 'WEIR_HA_MODE',
  'ha.zookeeper.connect': 'WEIR_ZOOKEEPER_CONNECT',
  'ha.zookeeper.root': 'WEIR_ZOOKEEPER_ROOT',
  'ha.zookeeper.sessionTimeoutMs': 'WEIR_ZOOKEEPER_SESSION_TIMEOUT_MS',
  'ha.zookeeper.connectTimeoutMs': 'WEIR_ZOOKEEPER_CONNECT_TIMEOUT_MS',
  'ha.heartbeatMs': 'WEIR_HEARTBEAT_MS',
  'alerts.evaluationIntervalMs': 'WEIR_ALERT_EVALUATION_INTERVAL_MS',
  'alerts.webhookUrl': 'WEIR_ALERT_WEBHOOK_URL',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const NUMERIC_KEYS = new Set([
  'api.port',
  'jobCapacity.maxSlots',
  'jobCapacity.maxParallelism',
  'checkpointIntervalMs',
  'timelineRetentionDays',
  'warmWorkers',
  'deadLetters.retentionDays',
  'deadLetters.keptPerJob',
  'sampleJob.ratePerSecond',
  'sampleJob.seed',
  'auth.sessionTtlMinutes',
  'alerts.evaluationIntervalMs',
  'ha.zookeeper.sessionTimeoutMs',
  'ha.zookeeper.connectTimeoutMs',
  'ha.heartbeatMs',
]);
/** Comma-separated in the environment. */
const LIST_KEYS = new Set([
  'auth.trustedProxies',
  'auth.allowedOrigins',
  'sampleJob.kafkaBrokers',
  'flinkClusters',
]);

function readEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(ENV_KEYS)) {
    const value = env[variable];
    if (value === undefined) continue;
    if (LIST_KEYS.has(key)) {
      raw[key] = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      continue;
    }
    // Number('') is 0 and Number('4x') is NaN: keep the raw text when it is not a number so
    // zod's error names the key instead of silently accepting a wrong value.
    raw[key] =
      NUMERIC_KEYS.has(key) && value.trim() !== '' && !Number.isNaN(Number(value))
        ? Number(value)
        : value;
  }
  return raw;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = { ...(node[part] as Record<string, unknown>) };
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Defaults, then environment overrides, validated; throws ConfigError naming the bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const merged: Record<string, unknown> = structuredClone(DEFAULTS) as unknown as Record<
    string,
    unknown
  >;
  for (const [key, value] of Object.entries(readEnv(env))) setPath(merged, key, value);

  merged.instanceId ||= `${hostname()}-${randomUUID().slice(0, 8)}`;
  const dataDir = path.resolve(String(merged.dataDir));
  merged.dataDir = dataDir;
  merged.checkpointDir = path.resolve(
    String(merged.checkpointDir || path.join(dataDir, 'checkpoints')),
  );
  merged.savepointDir = path.resolve(
    String(merged.savepointDir || path.join(dataDir, 'savepoints')),
  );
  merged.fileSinkRoot = path.resolve(String(merged.fileSinkRoot || path.join(dataDir, 'output')));
  merged.secretsDir = path.resolve(String(merged.secretsDir || path.join(dataDir, 'secrets')));

  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      // A bad list item ("auth.trustedProxies.1") is still named by its list's variable.
      const listKey = issue.path.slice(0, -1).join('.');
      const variable =
        ENV_KEYS[key as keyof typeof ENV_KEYS] ?? ENV_KEYS[listKey as keyof typeof ENV_KEYS];
      return `${key}${variable ? ` (${variable})` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
