import { ClusterRegistry } from '../src/backends/cluster-registry.js';
import { ClusterRepository } from '../src/db/cluster-repository.js';
import { FlinkLaunchRepository } from '../src/db/flink-launch-repository.js';
import { FlinkSavepointRepository } from '../src/db/flink-savepoint-repository.js';
import { openDatabase } from '../src/db/open-database.js';
import { fakeBackend } from './test-backend.js';

/**
 * A cluster registry of its own on a test database (its embedded cluster a fake), for tests
 * that drive the registry directly rather than through the API. Close it after.
 */
export async function registryOn(
  databaseUrl: string,
): Promise<{ registry: ClusterRegistry; close(): Promise<void> }> {
  const db = await openDatabase({ databaseUrl, pgliteDir: '' });
  const registry = new ClusterRegistry({
    embedded: fakeBackend(),
    clusters: new ClusterRepository(db.prisma),
    launches: new FlinkLaunchRepository(db.prisma),
    savepoints: new FlinkSavepointRepository(db.prisma),
    secrets: null,
    now: Date.now,
  });
  return { registry, close: () => db.close() };
}
