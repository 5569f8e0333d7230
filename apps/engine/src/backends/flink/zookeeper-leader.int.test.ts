import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryOn } from '../../../testing/test-cluster-registry.js';
import { createTestDatabase } from '../../../testing/test-database.js';
import { TestFlink } from '../../../testing/test-flink.js';
import { startZookeeper, type ZookeeperServer } from '../../../testing/zookeeper-services.js';
import { readFlinkLeader } from './zookeeper-leader.js';

// A real Flink 2.3 JobManager with ZooKeeper HA publishes its leadership; Weir reads it.
describe('the leader of a Flink cluster with ZooKeeper HA', () => {
  let zookeeper: ZookeeperServer;
  let flink: TestFlink;
  let haDir: string;

  beforeAll(async () => {
    zookeeper = await startZookeeper();
    haDir = await mkdtemp(path.join(tmpdir(), 'weir-flink-ha-'));
    flink = await TestFlink.start({
      slots: 1,
      config: {
        'high-availability.type': 'zookeeper',
        'high-availability.zookeeper.quorum': zookeeper.connectString,
        'high-availability.storageDir': `file://${haDir}`,
        'high-availability.cluster-id': '/weir-leader-test',
      },
    });
  }, 180_000);
  afterAll(async () => {
    await flink?.stop();
    await zookeeper?.stop();
    await rm(haDir, { recursive: true, force: true });
  });

  it('is read from the ensemble: its REST URL, dispatcher, session and contenders', async () => {
    const settings = {
      quorum: zookeeper.connectString,
      root: '/flink',
      clusterId: '/weir-leader-test',
    };
    const leader = await readFlinkLeader(settings, 5_000);
    expect(leader).toMatchObject({
      restAddress: flink.restUrl,
      contenders: 1,
    });
    expect(leader?.dispatcherAddress).toMatch(
      /^pekko\.tcp:\/\/flink@127\.0\.0\.1:\d+\/user\/rpc\/dispatcher/,
    );
    expect(leader?.sessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // Another cluster id under the same ensemble has no leader.
    expect(await readFlinkLeader({ ...settings, clusterId: '/nobody' }, 5_000)).toBeNull();
  });

  it('is shown with the cluster registered with its ZooKeeper settings', async () => {
    const pg = await createTestDatabase();
    const { registry, close } = await registryOn(pg.url);
    try {
      await registry.register(
        {
          id: 'ha-flink',
          kind: 'flink',
          restUrl: flink.restUrl,
          zookeeper: {
            quorum: zookeeper.connectString,
            root: '/flink',
            clusterId: '/weir-leader-test',
          },
        },
        'root',
      );
      const [, summary] = await registry.list();
      expect(summary?.capabilities.leaderView).toBe(true);
      expect(summary?.leader).toMatchObject({
        current: { restAddress: flink.restUrl, contenders: 1 },
        error: null,
      });
      expect(summary?.leader?.changes).toEqual([
        expect.objectContaining({ previousSessionId: null, restAddress: flink.restUrl }),
      ]);
    } finally {
      await close();
      await pg.drop();
    }
  });

  it('fails within its bound naming the quorum when the ensemble does not answer', async () => {
    const started = Date.now();
    await expect(
      readFlinkLeader({ quorum: '127.0.0.1:9', root: '/flink', clusterId: '/x' }, 1_000),
    ).rejects.toThrow('127.0.0.1:9');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
