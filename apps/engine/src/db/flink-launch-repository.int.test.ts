import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../testing/shared-database.js';
import { FlinkLaunchRepository } from './flink-launch-repository.js';

// Launches live in the database so that whichever engine instance leads can run a Flink job's
// program again (a restore after a Weir failover).
describe('FlinkLaunchRepository', () => {
  const dbs = sharedDatabase();

  it('finds on another instance what one recorded, per cluster, until the cluster goes', async () => {
    const launch = { jarId: 'abc_clicks.jar', entryClass: 'dev.weir.Main', args: ['--rate', '5'] };
    const recorded = new FlinkLaunchRepository(dbs().first.prisma);
    await recorded.forCluster('prod').record('0123456789abcdef0123456789abcdef', launch);

    const elsewhere = new FlinkLaunchRepository(dbs().second.prisma);
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
