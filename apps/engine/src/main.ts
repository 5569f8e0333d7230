import { ConfigError, loadConfig } from './config/load-config.js';
import { startEngine } from './engine.js';
import { createLogger } from './logging/logger.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`weir-engine: ${error.message}\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const engine = await startEngine(config, logger).catch((error: unknown) => {
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
