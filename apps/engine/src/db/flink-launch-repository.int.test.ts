import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/test-database.js';
import { FlinkLaunchRepository } from './flink-launch-repository.js';
import { type Database, openDatabase } from './open-database.js';

// Launches live in the database so that whichever engine instance leads can run a Flink job's
// program again (a restore after a Weir failover).
describe('FlinkLaunchRepository', () => {
  let drop: () => Promise<void>;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    const pg = await createTestDatabase();
    drop = pg.drop;
    first = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    second = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await drop?.();
  });

  it('finds on another instance what one recorded, per cluster, until the cluster goes', async () => {
    const launch = { jarId: 'abc_clicks.jar', entryClass: 'dev.weir.Main', args: ['--rate', '5'] };
    const recorded = new FlinkLaunchRepository(first.prisma);
    await recorded.forCluster('prod').record('0123456789abcdef0123456789abcdef', launch);

    const elsewhere = new FlinkLaunchRepository(second.prisma);
    expect(await elsewhere.forCluster('prod').get('0123456789abcdef0123456789abcdef')).toEqual(
      launch,
    );
    expect(await elsewhere.forCluster('staging').get('0123456789abcdef0123456789abcdef')).toBe(
      undefined,
    );
    // Recorded again (a resubmission under the same id cannot happen, but a retry can).
    await recorded
      .forCluster('prod')
      .record('0123456789abcdef0123456789abcdef', { ...launch, args: [] });
    expect(
      (await elsewhere.forCluster('prod').get('0123456789abcdef0123456789abcdef'))?.args,
    ).toEqual([]);

    await elsewhere.removeCluster('prod');
    expect(await recorded.forCluster('prod').get('0123456789abcdef0123456789abcdef')).toBe(
      undefined,
    );
  });
});
