import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.api).toEqual({ host: '127.0.0.1', port: 4100, advertisedUrl: '' });
    expect(config.ha.mode).toBe('embedded');
    expect(config.checkpointDir.endsWith('.weir/data/checkpoints')).toBe(true);
    expect(config.databaseUrl).toBe('');
  });

  it('applies environment overrides', () => {
    const config = loadConfig({
      WEIR_API_PORT: '5000',
      WEIR_CHECKPOINT_INTERVAL_MS: '250',
      WEIR_DATA_DIR: '/tmp/w',
    });
    expect(config.api.port).toBe(5000);
    expect(config.checkpointIntervalMs).toBe(250);
    expect(config.savepointDir).toBe('/tmp/w/savepoints');
  });

  it('reads Kafka brokers for the sample job as a list', () => {
    expect(loadConfig({}).sampleJob.kafkaBrokers).toEqual([]);
    const config = loadConfig({ WEIR_KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' });
    expect(config.sampleJob.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
  });

  it.each([
    ['WEIR_API_PORT', 'eighty', 'api.port (WEIR_API_PORT)'],
    ['WEIR_API_PORT', '', 'api.port (WEIR_API_PORT)'],
    ['WEIR_CHECKPOINT_INTERVAL_MS', '5', 'checkpointIntervalMs (WEIR_CHECKPOINT_INTERVAL_MS)'],
    ['DATABASE_URL', 'mysql://x', 'databaseUrl (DATABASE_URL)'],
    ['WEIR_LOG_LEVEL', 'loud', 'logLevel (WEIR_LOG_LEVEL)'],
    ['WEIR_HA_MODE', 'raft', 'ha.mode (WEIR_HA_MODE)'],
    ['WEIR_ZOOKEEPER_SESSION_TIMEOUT_MS', '10', 'ha.zookeeper.sessionTimeoutMs'],
    ['WEIR_API_ADVERTISED_URL', 'engine-1:4100', 'api.advertisedUrl (WEIR_API_ADVERTISED_URL)'],
    ['WEIR_KAFKA_BROKERS', 'kafka:9092,kafka', 'sampleJob.kafkaBrokers.1 (WEIR_KAFKA_BROKERS)'],
    ['WEIR_CLUSTER_SECRETS_KEY', 'c2hvcnQ=', 'clusterSecretsKey (WEIR_CLUSTER_SECRETS_KEY)'],
    ['WEIR_FLINK_CLUSTERS', 'local=http://f:8081,flink', 'flinkClusters.1 (WEIR_FLINK_CLUSTERS)'],
  ])('rejects %s=%j naming the key', (variable, value, named) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(named);
  });
});

describe('loadConfig HA keys', () => {
  it('needs ZooKeeper and a shared PostgreSQL in zookeeper mode, naming both keys', () => {
    const attempt = () => loadConfig({ WEIR_HA_MODE: 'zookeeper' });
    expect(attempt).toThrow('ha.zookeeper.connect (WEIR_ZOOKEEPER_CONNECT)');
    expect(attempt).toThrow('databaseUrl (DATABASE_URL)');
  });

  it('accepts a complete zookeeper configuration', () => {
    const config = loadConfig({
      WEIR_HA_MODE: 'zookeeper',
      WEIR_ZOOKEEPER_CONNECT: '127.0.0.1:2181,127.0.0.1:2182',
      DATABASE_URL: 'postgresql://weir@127.0.0.1:5432/weir',
      WEIR_ZOOKEEPER_SESSION_TIMEOUT_MS: '4000',
    });
    expect(config.ha.zookeeper).toMatchObject({ root: '/weir', sessionTimeoutMs: 4000 });
  });
});

describe('loadConfig auth keys', () => {
  it('reads lists and the session lifetime from the environment', () => {
    const config = loadConfig({
      WEIR_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      WEIR_ALLOWED_ORIGINS: 'https://weir.example.com',
      WEIR_SESSION_TTL_MINUTES: '30',
    });
    expect(config.auth.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
    expect(config.auth.allowedOrigins).toEqual(['https://weir.example.com']);
    expect(config.auth.sessionTtlMinutes).toBe(30);
    expect(config.auth.adminPassword).toBe('');
  });

  it.each([
    ['WEIR_ADMIN_PASSWORD', 'short', 'auth.adminPassword (WEIR_ADMIN_PASSWORD)'],
    [
      'WEIR_TRUSTED_PROXIES',
      '127.0.0.1,proxy.local',
      'auth.trustedProxies.1 (WEIR_TRUSTED_PROXIES)',
    ],
    ['WEIR_TRUSTED_PROXIES', '10.0.0.0/33', 'auth.trustedProxies.0 (WEIR_TRUSTED_PROXIES)'],
    [
      'WEIR_ALLOWED_ORIGINS',
      'https://a.example/console',
      'auth.allowedOrigins.0 (WEIR_ALLOWED_ORIGINS)',
    ],
    ['WEIR_SESSION_TTL_MINUTES', '0', 'auth.sessionTtlMinutes (WEIR_SESSION_TTL_MINUTES)'],
    ['WEIR_ALERT_WEBHOOK_URL', 'ftp://x', 'alerts.webhookUrl (WEIR_ALERT_WEBHOOK_URL)'],
    ['WEIR_CONSOLE_URL', 'weir.example.com', 'consoleUrl (WEIR_CONSOLE_URL)'],
    ['WEIR_CONSOLE_URL', 'https://weir.example.com/?x=1', 'consoleUrl (WEIR_CONSOLE_URL)'],
    [
      'WEIR_ALERT_EVALUATION_INTERVAL_MS',
      '10',
      'alerts.evaluationIntervalMs (WEIR_ALERT_EVALUATION_INTERVAL_MS)',
    ],
  ])('rejects %s=%j naming the key', (variable, value, named) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(named);
  });
});
