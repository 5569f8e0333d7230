/**
 * Every engine setting and its default, in one place. Environment variables override these
 * (see load-config.ts for the variable names); the result is validated before anything starts.
 */
export const DEFAULTS = {
  instanceId: '',
  clusterId: 'weir',
  api: {
    host: '127.0.0.1',
    port: 4100,
    /**
     * The URL other instances use to reach this one (standbys forward to the leader there).
     * Empty: http://<host>:<port>, with this machine's hostname when listening on all addresses.
     */
    advertisedUrl: '',
  },
  /**
   * The console's public URL (https://weir.example.com): notifications link to job pages
   * under it. Empty: notifications carry no links.
   */
  consoleUrl: '',
  /** Root for everything the embedded defaults keep on disk. */
  dataDir: '.weir/data',
  /** Empty means "embedded PGlite under dataDir". */
  databaseUrl: '',
  checkpointDir: '',
  savepointDir: '',
  /** Every file a job writes (file sinks) must lie under this folder. Empty: <dataDir>/output. */
  fileSinkRoot: '',
  /** Secret files a job names (Kafka passwords, CA files) must lie under this folder. Empty: <dataDir>/secrets. */
  secretsDir: '',
  /** What one job may take: worker threads (its largest parallelism) and key groups. */
  jobCapacity: { maxSlots: 32, maxParallelism: 4096 },
  checkpointIntervalMs: 5000,
  /** How long a job's timeline keeps an event. */
  timelineRetentionDays: 30,
  /**
   * Worker threads kept started and idle, so a job starting here (a standby taking over, a
   * restart) does not wait for threads to load the engine: enough for a usual job's slots.
   */
  warmWorkers: 2,
  /** How long dead letters are kept, and how many per job (their counts outlive the cut). */
  deadLetters: { retentionDays: 7, keptPerJob: 100_000 },
  /** Path of a JobSpec JSON file to run instead of the built-in sample job. */
  jobSpecFile: '',
  /**
   * Base64 of 32 random bytes (`openssl rand -base64 32`): seals the Authorization headers of
   * registered Flink clusters in the database. Empty: clusters can be registered without one.
   */
  clusterSecretsKey: '',
  /**
   * Flink clusters registered at start (`name=http://host:8081`, comma separated), for
   * deployments that declare them (docker-compose, `npm start -- --flink`); admins register
   * more in the console.
   */
  flinkClusters: [] as string[],
  /** Folder of user operator modules (ESM files) for `custom` operators; empty: none. */
  operatorsDir: '',
  sampleJob: { ratePerSecond: 2000, seed: 42, kafkaBrokers: [] as string[] },
  logLevel: 'info',
  auth: {
    /** How long a console sign-in lasts before the user must sign in again. */
    sessionTtlMinutes: 720,
    /** Password for the first user, `admin`. Empty: generate one and log it once. */
    adminPassword: '',
    /** Proxies (the console's server) whose X-Forwarded-For/-Host/-Proto headers are believed. */
    trustedProxies: ['127.0.0.1', '::1'],
    /**
     * The console's public origins: the only ones (besides the engine's own) allowed to send
     * signed-in mutations. The defaults are `npm start`'s console.
     */
    allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:3000'],
    loginLimits: {
      /** One username from one address. */
      perAddress: { maxFailures: 5, windowMs: 15 * 60_000 },
      /** One address, whatever usernames it tries (unknown ones too). */
      perSource: { maxFailures: 30, windowMs: 15 * 60_000 },
      /** One username from anywhere: slowed down past the limit, never refused. */
      perUser: {
        maxFailures: 10,
        windowMs: 15 * 60_000,
        slowdownMsPerFailure: 200,
        maxSlowdownMs: 3000,
      },
      maxKeys: 10_000,
    },
    /** Refused signed-out mutations per address; past it they get 429 and no audit row each. */
    anonymousRefusals: { maxFailures: 60, windowMs: 60_000 },
  },
  ha: {
    /** 'embedded': one instance, always the leader. 'zookeeper': leader election among many. */
    mode: 'embedded',
    zookeeper: {
      /** host:port,host:port,... of the ensemble. */
      connect: '',
      /** Like Flink's high-availability.zookeeper.path.root; the cluster id goes below it. */
      root: '/weir',
      /** A leader cut off this long is replaced; shorter means faster failover, more false alarms. */
      sessionTimeoutMs: 10_000,
      connectTimeoutMs: 30_000,
    },
    /** How often each instance refreshes its entry in the instance list. */
    heartbeatMs: 2000,
  },
  alerts: {
    /** How often the leader evaluates alert rules. */
    evaluationIntervalMs: 5000,
    /** A URL that receives firing and resolved alerts as JSON. Empty: no notifications. */
    webhookUrl: '',
  },
} as const;
