import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from './defaults.js';

const ConfigSchema = z.object({
  instanceId: z.string().min(1),
  clusterId: z.string().regex(/^[a-zA-Z0-9_-]+$/),
  api: z.object({
    host: z.string().min(1),
    port: z.number().int().min(0).max(65535),
  }),
  dataDir: z.string().min(1),
  databaseUrl: z.union([z.literal(''), z.url({ protocol: /^postgres(ql)?$/ })]),
  checkpointDir: z.string().min(1),
  savepointDir: z.string().min(1),
  checkpointIntervalMs: z.number().int().min(100),
  jobSpecFile: z.string(),
  sampleJob: z.object({ ratePerSecond: z.number().positive(), seed: z.number().int() }),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});
export type EngineConfig = z.infer<typeof ConfigSchema>;

/** Environment variable for each config key, so errors can name what the user must fix. */
const ENV_KEYS = {
  instanceId: 'WEIR_INSTANCE_ID',
  clusterId: 'WEIR_CLUSTER_ID',
  'api.host': 'WEIR_API_HOST',
  'api.port': 'WEIR_API_PORT',
  dataDir: 'WEIR_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  checkpointDir: 'WEIR_CHECKPOINT_DIR',
  savepointDir: 'WEIR_SAVEPOINT_DIR',
  checkpointIntervalMs: 'WEIR_CHECKPOINT_INTERVAL_MS',
  jobSpecFile: 'WEIR_JOB_SPEC',
  'sampleJob.ratePerSecond': 'WEIR_SAMPLE_RATE',
  'sampleJob.seed': 'WEIR_SAMPLE_SEED',
  logLevel: 'WEIR_LOG_LEVEL',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const NUMERIC_KEYS = new Set([
  'api.port',
  'checkpointIntervalMs',
  'sampleJob.ratePerSecond',
  'sampleJob.seed',
]);

function readEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(ENV_KEYS)) {
    const value = env[variable];
    if (value === undefined) continue;
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

  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const variable = ENV_KEYS[key as keyof typeof ENV_KEYS];
      return `${key}${variable ? ` (${variable})` : ''}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
