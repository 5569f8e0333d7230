/**
 * Every engine setting and its default, in one place. Environment variables override these
 * (see load-config.ts for the variable names); the result is validated before anything starts.
 */
export const DEFAULTS = {
  instanceId: '',
  clusterId: 'weir',
  api: { host: '127.0.0.1', port: 4100 },
  /** Root for everything the embedded defaults keep on disk. */
  dataDir: '.weir/data',
  /** Empty means "embedded PGlite under dataDir". */
  databaseUrl: '',
  checkpointDir: '',
  savepointDir: '',
  checkpointIntervalMs: 5000,
  /** Path of a JobSpec JSON file to run instead of the built-in sample job. */
  jobSpecFile: '',
  sampleJob: { ratePerSecond: 2000, seed: 42 },
  logLevel: 'info',
} as const;
