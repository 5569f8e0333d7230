import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/web/lib/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/.next/**'],
    // Integration tests start real PostgreSQL databases, ZooKeeper and Kafka: allow for it,
    // but every wait inside a test is on a condition with its own bound.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
