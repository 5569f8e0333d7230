import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import zookeeper from 'node-zookeeper-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKafka, startZookeeper, startZookeeperEnsemble, waitFor } from './index.mjs';

// node-zookeeper-client ships no types; this is the part of its API used here. (The engine's
// declarations, seen here too through its sources, cover other calls: hence the casts.)
const ZK_EVENT = (zookeeper as unknown as { Event: { NODE_DATA_CHANGED: number } }).Event;
type ZkEvent = { getType(): number; getPath(): string };
type ZkCallback<T = void> = (error: Error | null, value?: T) => void;
type ZkClient = {
  connect(): void;
  close(): void;
  once(event: 'connected', listener: () => void): void;
  create(path: string, data: Buffer, callback: ZkCallback<string>): void;
  getData(path: string, watcher: (event: ZkEvent) => void, callback: ZkCallback<Buffer>): void;
  setData(path: string, data: Buffer, callback: ZkCallback): void;
};

type Services = {
  zk: Awaited<ReturnType<typeof startZookeeper>>;
  kafka: Awaited<ReturnType<typeof startKafka>>;
};

describe('real services harness', () => {
  let services: Services;
  let kafka: Kafka;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    // allSettled so that a failure of one still lets us stop the other.
    const [zk, broker] = await Promise.allSettled([startZookeeper(), startKafka()]);
    if (zk.status === 'rejected' || broker.status === 'rejected') {
      if (zk.status === 'fulfilled') await zk.value.stop();
      if (broker.status === 'fulfilled') await broker.value.stop();
      throw zk.status === 'rejected' ? zk.reason : (broker as PromiseRejectedResult).reason;
    }
    services = { zk: zk.value, kafka: broker.value };
    kafka = new Kafka({
      clientId: 'weir-smoke',
      brokers: services.kafka.brokers,
      logLevel: logLevel.ERROR,
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(cleanups.map((cleanup) => cleanup()));
    await Promise.all([services?.zk.stop(), services?.kafka.stop()]);
  }, 60_000);

  function producer(config: Parameters<Kafka['producer']>[0] = {}): Producer {
    const created = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      ...config,
    });
    cleanups.push(() => created.disconnect());
    return created;
  }

  function transactional() {
    return {
      transactionalId: `weir-smoke-${randomUUID()}`,
      idempotent: true,
      maxInFlightRequests: 1,
    };
  }

  function consumer(): Consumer {
    const created = kafka.consumer({
      groupId: `weir-smoke-${randomUUID()}`,
      // read_committed: records of aborted transactions must stay invisible.
      readUncommitted: false,
      // disconnect() waits for the current fetch; a short long-poll keeps teardown quick.
      maxWaitTimeInMs: 500,
    });
    cleanups.push(() => created.disconnect());
    return created;
  }

  async function createTopic(partitions = 1): Promise<string> {
    const topic = `weir-smoke-${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: partitions }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
    return topic;
  }

  async function consumeValues(topic: string, expected: number) {
    const values: string[] = [];
    const reader = consumer();
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        values.push(String(message.value));
      },
    });
    await waitFor(() => values.length >= expected, {
      timeoutMs: 30_000,
      description: `${expected} messages on ${topic}`,
    });
    return values;
  }

  it('produces messages and a consumer group reads exactly them back', async () => {
    const topic = await createTopic(3);
    const sent = Array.from({ length: 100 }, (_, i) => `message-${i}`);
    const writer = producer();
    await writer.connect();
    await writer.send({
      topic,
      messages: sent.map((value, i) => ({ key: `key-${i % 7}`, value })),
    });

    const received = await consumeValues(topic, sent.length);
    expect(received.sort()).toEqual([...sent].sort());
  }, 60_000);

  it('commits a transaction with offsets, and hides an aborted one', async () => {
    const topic = await createTopic();
    const groupId = `weir-smoke-sink-${randomUUID()}`;
    // Two transactional ids: a transaction begun right after another ended on the
    // same id gets a retriable CONCURRENT_TRANSACTIONS, which kafkajs logs as an error.
    const [abortingWriter, committingWriter] = [
      producer(transactional()),
      producer(transactional()),
    ];
    await Promise.all([abortingWriter.connect(), committingWriter.connect()]);

    const aborted = await abortingWriter.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();

    const committed = await committingWriter.transaction();
    await committed.send({ topic, messages: [{ value: 'committed-1' }, { value: 'committed-2' }] });
    // The exactly-once sink records its progress this way (DESIGN.md §4).
    await committed.sendOffsets({
      consumerGroupId: groupId,
      topics: [{ topic, partitions: [{ partition: 0, offset: '42' }] }],
    });
    await committed.commit();

    expect(await consumeValues(topic, 2)).toEqual(['committed-1', 'committed-2']);
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets?.partitions).toEqual([
        expect.objectContaining({ partition: 0, offset: '42' }),
      ]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('stores a znode and fires a data watch when another client changes it', async () => {
    const watcher = await connectedZkClient(services.zk.connectString);
    const writer = await connectedZkClient(services.zk.connectString);
    cleanups.push(
      async () => watcher.close(),
      async () => writer.close(),
    );
    const path = `/weir-smoke-${randomUUID()}`;

    await zkCreate(watcher, path, 'first');
    const events: ZkEvent[] = [];
    expect(String(await zkGetData(watcher, path, (event) => events.push(event)))).toBe('first');

    await zkSetData(writer, path, 'second');
    await waitFor(() => events.length > 0, { timeoutMs: 10_000, description: 'the data watch' });
    expect(events[0]?.getType()).toBe(ZK_EVENT.NODE_DATA_CHANGED);
    expect(events[0]?.getPath()).toBe(path);
  }, 60_000);
});

describe('ZooKeeper ensemble harness', () => {
  let ensemble: Awaited<ReturnType<typeof startZookeeperEnsemble>>;
  let client: ZkClient | undefined;

  beforeAll(async () => {
    ensemble = await startZookeeperEnsemble(3);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await ensemble?.stop();
  }, 60_000);

  const modes = () => Promise.all(ensemble.nodes.map((node) => node.mode()));

  it('elects a new leader when the leader is killed, and takes the node back on restart', async () => {
    expect((await modes()).sort()).toEqual(['follower', 'follower', 'leader']);
    client = await connectedZkClient(ensemble.connectString);
    const path = `/weir-smoke-${randomUUID()}`;
    await zkCreate(client, path, 'before');

    const leader = ensemble.nodes[(await modes()).indexOf('leader')];
    if (!leader) throw new Error('no leader');
    await leader.kill();
    expect(leader.isRunning()).toBe(false);
    await waitFor(async () => (await modes()).includes('leader'), {
      timeoutMs: 30_000,
      description: 'a new leader among the remaining nodes',
    });
    // The session moves to a surviving node and the data is still there.
    expect(String(await zkGetData(client, path))).toBe('before');

    await leader.start();
    expect(await leader.mode()).toBe('follower');
    expect((await modes()).sort()).toEqual(['follower', 'follower', 'leader']);
  }, 90_000);
});

async function connectedZkClient(connectString: string): Promise<ZkClient> {
  const client = zookeeper.createClient(connectString, {
    sessionTimeout: 5_000,
    retries: 0,
  }) as unknown as ZkClient;
  const connected = new Promise<void>((resolve) => client.once('connected', () => resolve()));
  client.connect();
  await Promise.race([
    connected,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error('ZooKeeper connect timed out')), 15_000).unref(),
    ),
  ]);
  return client;
}

function zkCreate(client: ZkClient, path: string, data: string): Promise<void> {
  return new Promise((resolve, reject) =>
    client.create(path, Buffer.from(data), (error) => (error ? reject(error) : resolve())),
  );
}

function zkGetData(client: ZkClient, path: string, watcher: (event: ZkEvent) => void = () => {}) {
  return new Promise<Buffer | undefined>((resolve, reject) =>
    client.getData(path, watcher, (error, value) => (error ? reject(error) : resolve(value))),
  );
}

function zkSetData(client: ZkClient, path: string, data: string): Promise<void> {
  return new Promise((resolve, reject) =>
    client.setData(path, Buffer.from(data), (error) => (error ? reject(error) : resolve())),
  );
}
