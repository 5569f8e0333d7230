import { afterAll, beforeAll } from 'vitest';
import { TestFlink } from './test-flink.js';

// Its own file: test-flink.ts is also used outside vitest (Playwright, benchmarks), where
// importing vitest's hooks would be wrong.

/**
 * A Flink cluster for one test file: started before its tests, stopped (and its folder
 * removed) after them. The returned function gives the running cluster, inside tests.
 */
export function flinkPerFile(options: Parameters<typeof TestFlink.start>[0] = {}): () => TestFlink {
  let flink: TestFlink | undefined;
  beforeAll(async () => {
    flink = await TestFlink.start(options);
  }, 180_000);
  afterAll(async () => {
    await flink?.stop();
  });
  return () => {
    if (!flink) throw new Error('the test Flink cluster is not running (used outside a test?)');
    return flink;
  };
}
