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
