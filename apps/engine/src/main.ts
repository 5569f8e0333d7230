import { ConfigError, loadConfig } from './config/load-config.js';
import { startEngine } from './engine.js';
import { LogStore } from './logging/log-store.js';
import { createLogger } from './logging/logger.js';
import { receiveWorkerLogs } from './logging/worker-logs.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`weir-engine: ${error.message}\n`);
  process.exit(2);
}

// This instance's newest log lines, its worker threads' included, for the API's logs.query.
const logs = new LogStore();
receiveWorkerLogs(logs);
const logger = createLogger(config.logLevel, logs);
const engine = await startEngine(config, logger, logs).catch((error: unknown) => {
  logger.fatal({ err: error }, 'engine failed to start');
  process.exit(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    engine.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
