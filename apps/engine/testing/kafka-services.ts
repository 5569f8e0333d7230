import { afterAll, beforeAll } from 'vitest';
import { TestKafka } from './test-kafka.js';

/**
 * A broker for one test file: started before its tests, stopped (and its data removed) after
 * them. The returned function gives the running broker, inside tests.
 */
export function kafkaPerFile(): () => TestKafka {
  let kafka: TestKafka | undefined;
  beforeAll(async () => {
    kafka = await TestKafka.start();
  }, 180_000);
  afterAll(async () => {
    await kafka?.stop();
  });
  return () => {
    if (!kafka) throw new Error('the test broker is not running (used outside a test?)');
    return kafka;
  };
}
