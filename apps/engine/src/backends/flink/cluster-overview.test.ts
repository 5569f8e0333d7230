import { ClusterOverviewSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { clusterOverview } from './cluster-overview.js';
import { ConfigEntriesSchema, OverviewSchema } from './flink-schemas.js';

describe('clusterOverview', () => {
  it('shows version, TaskManagers, slots and the scheduler', () => {
    const config = new Map(
      ConfigEntriesSchema.parse([{ key: 'jobmanager.scheduler', value: 'adaptive' }]).map((e) => [
        e.key,
        e.value,
      ]),
    );
    const overview = clusterOverview(
      'local',
      'http://127.0.0.1:8081',
      OverviewSchema.parse(flinkFixture('overview')),
      config,
    );
    expect(ClusterOverviewSchema.parse(overview)).toEqual(overview);
    expect(overview).toMatchObject({
      clusterId: 'local',
      haMode: 'embedded',
      leader: null,
      instances: [],
      jobs: { running: 1, total: 1 },
      flink: {
        version: '2.3.0',
        revision: 'c0f8d1a',
        taskManagers: 1,
        slotsTotal: 4,
        slotsAvailable: 2,
        scheduler: 'adaptive',
      },
    });
    const ha = clusterOverview(
      'ha',
      'http://x',
      OverviewSchema.parse(flinkFixture('overview')),
      new Map([['high-availability.type', 'zookeeper']]),
    );
    expect(ha.haMode).toBe('zookeeper');
    expect(ha.flink?.scheduler).toBeNull();
  });
});
