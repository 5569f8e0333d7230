import { expect, it } from 'vitest';
import { startFlink } from './flink.mjs';
import { ensureFlinkExampleJar } from './flink-example.mjs';
import { flinkClasspath } from './flink-jars.mjs';

// The unit project sets WEIR_NO_TEST_SERVICES: Flink there is refused at once, naming the
// convention, on every machine (Java and Maven or not).
it('refuses to start Flink, resolve its jars or build the example in a unit test', async () => {
  expect(process.env.WEIR_NO_TEST_SERVICES).toBe('1');
  for (const attempt of [startFlink, flinkClasspath, ensureFlinkExampleJar]) {
    await expect(attempt()).rejects.toThrow(/name its file \*\.int\.test\.ts/);
  }
});
