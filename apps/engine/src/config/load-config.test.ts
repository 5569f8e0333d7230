import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.api).toEqual({ host: '127.0.0.1', port: 4100 });
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

  it.each([
    ['WEIR_API_PORT', 'eighty', 'api.port (WEIR_API_PORT)'],
    ['WEIR_API_PORT', '', 'api.port (WEIR_API_PORT)'],
    ['WEIR_CHECKPOINT_INTERVAL_MS', '5', 'checkpointIntervalMs (WEIR_CHECKPOINT_INTERVAL_MS)'],
    ['DATABASE_URL', 'mysql://x', 'databaseUrl (DATABASE_URL)'],
    ['WEIR_LOG_LEVEL', 'loud', 'logLevel (WEIR_LOG_LEVEL)'],
  ])('rejects %s=%j naming the key', (variable, value, named) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(named);
  });
});
