import { defineConfig } from 'vitest/config';

// Two projects, told apart by file name (README "Tests"):
// - `unit` (`npm run test:unit`): needs no PostgreSQL, ZooKeeper or Kafka. It runs with
//   WEIR_NO_TEST_SERVICES=1, which makes createTestDatabase (apps/engine/testing) and the
//   ZooKeeper/Kafka harness (scripts/services) refuse to start, naming this convention: a test
//   that needs one of them fails here even on a machine that has them.
// - `integration` (`npm run test:integration`): `*.int.test.ts`, the tests that do need them.
// `npx vitest run` (and `npm test`) runs both.
const TESTS = ['apps/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'];
const INTEGRATION = '**/*.int.test.ts';
const NEVER = ['**/node_modules/**', '**/dist/**', '**/.next/**'];

export default defineConfig({
  test: {
    // Integration tests start real PostgreSQL databases, ZooKeeper and Kafka: allow for it,
    // but every wait inside a test is on a condition with its own bound.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Two files at once, also on 2 cores (vitest's default there is one): integration tests
    // mostly wait on other processes (JVMs starting, session timeouts, sources throttled to a
    // rate), so the second file uses the time the first spends waiting. All 59 integration
    // files: 1,000 s one at a time, 582 s two at a time, all passing.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TESTS,
          exclude: [...NEVER, INTEGRATION],
          env: { WEIR_NO_TEST_SERVICES: '1' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: TESTS.map((glob) => glob.replace(/\*\.test\.ts$/, '*.int.test.ts')),
          exclude: NEVER,
        },
      },
    ],
  },
});
