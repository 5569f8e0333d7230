import { type KafkaSourceConfig, KafkaSourceConfigSchema } from '@weir/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { kafkaPerFile } from '../../testing/kafka-services.js';
import { KafkaTopics } from '../../testing/kafka-topics.js';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { waitFor } from '../../testing/wait-for.js';
import { createKafkaSourceClient } from '../connectors/kafka/kafkajs-source-client.js';
import type { OperatorState } from '../core/operator.js';
import { stateForSubtask } from '../state/state-assignment.js';
import type { KafkaRecord } from './kafka/kafka-record.js';
import { KafkaSource } from './kafka-source.js';

const kafka = kafkaPerFile();
const topics = () => new KafkaTopics(kafka().brokers);
let topicCount = 0;
const freshTopic = () => `weir-source-${++topicCount}-${Date.now()}`;

const opened: Array<OperatorHarness<KafkaSource>> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.operator.close()));
});

type ConfigInput = Omit<Partial<KafkaSourceConfig>, 'connection'>;

function configOf(input: ConfigInput): KafkaSourceConfig {
  return KafkaSourceConfigSchema.parse({
    connection: { brokers: kafka().brokers },
    partitionDiscoveryIntervalMs: 200,
    ...input,
  });
}

/** Subtask `subtaskIndex` of `parallelism`, restored from `state` when given. */
function subtask(
  input: ConfigInput,
  subtaskIndex: number,
  parallelism: number,
  state?: OperatorState,
) {
  const config = configOf(input);
  const source = new KafkaSource(config, () =>
    createKafkaSourceClient(config.connection, 'connection'),
  );
  const harness = new OperatorHarness(source, { subtaskIndex, parallelism });
  opened.push(harness);
  if (state) source.restoreState(JSON.parse(JSON.stringify(state)));
  return harness;
}

function subtasks(input: ConfigInput, parallelism: number) {
  return Array.from({ length: parallelism }, (_, i) => subtask(input, i, parallelism));
}

type Harness = OperatorHarness<KafkaSource>;

/** Polls every subtask until together they emitted `count` records (more would show up too). */
async function pollUntil(sources: Harness[], count: number): Promise<KafkaRecord[][]> {
  const out = sources.map(() => [] as KafkaRecord[]);
  await waitFor(`${count} records`, () => {
    sources.forEach((h, i) => {
      h.operator.poll(1000, 0);
      out[i]?.push(...(h.drain() as KafkaRecord[]));
    });
    return out.flat().length + sources.flatMap((h) => h.deadLetters).length >= count;
  });
  // Anything past `count` would be a duplicate: give it the time to show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  sources.forEach((h, i) => {
    h.operator.poll(100_000, 0);
    out[i]?.push(...(h.drain() as KafkaRecord[]));
  });
  return out;
}

/** Polls (which starts them) until together they read `partitions` partitions. */
async function started(sources: Harness[], partitions: number): Promise<void> {
  await waitFor(`${partitions} partitions assigned`, () => {
    for (const h of sources) h.operator.poll(0, 0);
    return sources.flatMap((h) => Object.keys(h.operator.positions())).length === partitions;
  });
}

const ids = (records: KafkaRecord[]) => records.map((r) => (r.value as { id: string }).id).sort();

/** `perPartition` records in each of `partitions` partitions, with ids naming where they went. */
async function filledTopic(partitions: number, perPartition: number, from = 0) {
  const topic = freshTopic();
  await topics().create(topic, partitions);
  const expected: string[] = [];
  for (let p = 0; p < partitions; p++) {
    const values = Array.from({ length: perPartition }, (_, i) => ({ id: `${p}-${from + i}` }));
    await topics().produce(topic, p, values);
    expected.push(...values.map((v) => v.id));
  }
  return { topic, expected: expected.sort() };
}

/** What the runtime hands each of `parallelism` subtasks from the states of the previous ones. */
function redistributed(states: OperatorState[], parallelism: number): OperatorState[] {
  const stored = {
    parallelism: states.length,
    keyed: states.flatMap((s) => s.keyed ?? []),
    operator: states.map((s) => s.operator ?? []),
  };
  return Array.from({ length: parallelism }, (_, i) =>
    stateForSubtask(stored, i, parallelism, 128),
  );
}

describe('KafkaSource against a real broker', () => {
  it('reads every record of a multi-partition topic exactly once across its subtasks', async () => {
    const { topic, expected } = await filledTopic(6, 50);
    const sources = subtasks({ topics: [topic] }, 3);
    const out = await pollUntil(sources, expected.length);
    expect(ids(out.flat())).toEqual(expected);
    // Each partition is read by one subtask only, and each subtask reads some.
    const readers = new Map<number, Set<number>>();
    out.forEach((records, subtaskIndex) => {
      for (const r of records)
        readers.set(r.partition, (readers.get(r.partition) ?? new Set()).add(subtaskIndex));
    });
    expect([...readers.values()].every((s) => s.size === 1)).toBe(true);
    expect(out.every((records) => records.length > 0)).toBe(true);
    // The documented record shape, metadata included.
    const first = out.flat().find((r) => r.offset === 0);
    expect(first).toMatchObject({ topic, key: null, headers: {}, offset: 0 });
    expect(typeof first?.timestamp).toBe('number');
  });

  it('moves partitions with their offsets on a rescale from 2 to 3, losing and repeating nothing', async () => {
    const { topic, expected } = await filledTopic(5, 40);
    const before = subtasks({ topics: [topic] }, 2);
    const firstHalf = (await pollUntil(before, expected.length)).flat();
    const states = before.map((h) => h.operator.snapshotState(1));
    const more: string[] = [];
    for (let p = 0; p < 5; p++) {
      const values = Array.from({ length: 30 }, (_, i) => ({ id: `${p}-later-${i}` }));
      await topics().produce(topic, p, values);
      more.push(...values.map((v) => v.id));
    }
    const after = redistributed(states, 3).map((state, i) =>
      subtask({ topics: [topic] }, i, 3, state),
    );
    const secondHalf = (await pollUntil(after, more.length)).flat();
    expect(ids(firstHalf)).toEqual(expected);
    expect(ids(secondHalf)).toEqual(more.sort());
  });

  it('pauses fetching while its buffer is full and resumes as it drains, in order, losing nothing', async () => {
    const { topic } = await filledTopic(1, 0);
    const count = 60_000;
    for (let from = 0; from < count; from += 10_000)
      await topics().produce(
        topic,
        0,
        Array.from({ length: 10_000 }, (_, i) => ({ id: `${from + i}` })),
      );
    const [source] = subtasks({ topics: [topic] }, 1) as [Harness];
    await started([source], 1);
    // Far more than the buffer holds is waiting: it fills, then fetching pauses.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const offsets: number[] = [];
    await waitFor(`${count} records`, () => {
      source.operator.poll(5_000, 0);
      offsets.push(...(source.drain() as KafkaRecord[]).map((r) => r.offset));
      return offsets.length >= count;
    });
    expect(offsets).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('reads on, exactly once, after the broker restarts', async () => {
    const { topic, expected } = await filledTopic(2, 100);
    const sources = subtasks({ topics: [topic] }, 2);
    const before = (await pollUntil(sources, expected.length)).flat();
    await kafka().restart();
    const more: string[] = [];
    for (let p = 0; p < 2; p++) {
      const values = Array.from({ length: 100 }, (_, i) => ({ id: `${p}-after-${i}` }));
      await topics().produce(topic, p, values);
      more.push(...values.map((v) => v.id));
    }
    const after = (await pollUntil(sources, more.length)).flat();
    expect(ids(before)).toEqual(expected);
    expect(ids(after)).toEqual(more.sort());
  }, 120_000);

  it('reads partitions added to the topic while it runs, from their first record', async () => {
    const { topic, expected } = await filledTopic(2, 20);
    const sources = subtasks({ topics: [topic], startFrom: 'latest' }, 2);
    // Started at the log end: nothing of what was there before.
    await started(sources, 2);
    await topics().addPartitions(topic, 4);
    const added = [2, 3].flatMap((p) =>
      Array.from({ length: 25 }, (_, i) => ({ id: `${p}-${i}` })),
    );
    await topics().produce(topic, 2, added.slice(0, 25));
    await topics().produce(topic, 3, added.slice(25));
    const out = (await pollUntil(sources, added.length)).flat();
    expect(ids(out)).toEqual(added.map((v) => v.id).sort());
    expect(expected.length).toBe(40);
  });

  it('starts without state at the earliest offset, the log end, or a timestamp', async () => {
    const topic = freshTopic();
    await topics().create(topic, 1);
    await topics().produce(topic, 0, [{ id: 'old' }], { timestamp: 1_000_000 });
    await topics().produce(topic, 0, [{ id: 'newer' }], { timestamp: 2_000_000 });
    const [latest] = subtasks({ topics: [topic], startFrom: 'latest' }, 1);
    const [earliest] = subtasks({ topics: [topic], startFrom: 'earliest' }, 1);
    const [fromTime] = subtasks({ topics: [topic], startFrom: { timestamp: 1_500_000 } }, 1);
    const all = [latest, earliest, fromTime] as Harness[];
    await started(all, 3);
    expect(latest?.operator.positions()).toEqual({ [`${topic}/0`]: 2 });
    await topics().produce(topic, 0, [{ id: 'newest' }], { timestamp: 3_000_000 });
    const [fromLatest, fromEarliest, fromTimestamp] = await pollUntil(all, 1 + 3 + 2);
    expect(ids(fromLatest ?? [])).toEqual(['newest']);
    expect(ids(fromEarliest ?? [])).toEqual(['newer', 'newest', 'old']);
    expect(ids(fromTimestamp ?? [])).toEqual(['newer', 'newest']);
  });

  it('starts where startFrom says after restoring a checkpoint taken before it found its partitions', async () => {
    const { topic } = await filledTopic(3, 5);
    const before = subtasks({ topics: [topic], startFrom: 'latest' }, 2);
    // Not polled yet: it has not looked for partitions, so its key groups are marked unstarted.
    const states = before.map((h) => h.operator.snapshotState(1));
    const after = redistributed(states, 3).map((state, i) =>
      subtask({ topics: [topic], startFrom: 'latest' }, i, 3, state),
    );
    await started(after, 3);
    const positions = Object.assign({}, ...after.map((h) => h.operator.positions()));
    expect(positions).toEqual({ [`${topic}/0`]: 5, [`${topic}/1`]: 5, [`${topic}/2`]: 5 });
  });

  it('sends malformed records to the dead letters with partition and offset, and goes on', async () => {
    const topic = freshTopic();
    await topics().create(topic, 1);
    await topics().produce(topic, 0, [{ id: 'a' }, '{not json', { id: 'b' }]);
    const [source] = subtasks({ topics: [topic] }, 1) as [Harness];
    const [out] = await pollUntil([source], 3);
    expect(ids(out ?? [])).toEqual(['a', 'b']);
    expect(source.deadLetters).toHaveLength(1);
    expect(source.deadLetters[0]?.reason).toMatch(new RegExp(`malformed JSON.*${topic}/0@1`));
    // The value as read: what a replay writes back into the topic.
    expect(source.deadLetters[0]?.record).toBe('{not json');
    expect(source.operator.positions()).toEqual({ [`${topic}/0`]: 3 });
  });

  it('takes event time from a field, and an idle partition stops holding the watermark back', async () => {
    const topic = freshTopic();
    await topics().create(topic, 2);
    await topics().produce(topic, 0, [
      { id: 'a', ts: 10_000 },
      { id: 'b', ts: 20_000 },
    ]);
    const [source] = subtasks(
      {
        topics: [topic],
        eventTime: { field: 'ts' },
        maxOutOfOrdernessMs: 500,
        idleTimeoutMs: 1000,
      },
      1,
    ) as [Harness];
    await pollUntil([source], 2);
    // Partition 1 has had nothing yet: it holds the watermark at the minimum...
    expect(source.operator.currentWatermark()).toBeLessThan(0);
    // ...until it has been quiet for the idle timeout, while partition 0 goes on.
    source.advanceTo(1000);
    await topics().produce(topic, 0, [{ id: 'c', ts: 30_000 }]);
    await waitFor('the next record', () => source.operator.poll(10, 1000).emitted > 0);
    expect(source.operator.currentWatermark()).toBe(30_000 - 500 - 1);
  });

  it('reads every topic matching a pattern, and topics created later that match', async () => {
    const prefix = `weir-pattern-${Date.now()}`;
    await topics().create(`${prefix}-a`, 2);
    await topics().create(`other-${prefix}`, 1);
    await topics().produce(`${prefix}-a`, 1, [{ id: 'a1' }]);
    await topics().produce(`other-${prefix}`, 0, [{ id: 'ignored' }]);
    const sources = subtasks({ topicPattern: `^${prefix}-` }, 2);
    const first = (await pollUntil(sources, 1)).flat();
    await topics().create(`${prefix}-b`, 1);
    await topics().produce(`${prefix}-b`, 0, [{ id: 'b0' }]);
    const later = (await pollUntil(sources, 1)).flat();
    expect(ids([...first, ...later])).toEqual(['a1', 'b0']);
  });

  it('commits completed checkpoints to its group, where startFrom "group-offsets" begins, and reports lag', async () => {
    const { topic } = await filledTopic(2, 10);
    const group = `weir-group-${Date.now()}`;
    const [source] = subtasks({ topics: [topic], group }, 1) as [Harness];
    await pollUntil([source], 20);
    source.operator.snapshotState(1);
    source.operator.notifyCheckpointComplete(1);
    await waitFor('the commit', async () => {
      const committed = await topics().committed(group, topic);
      return committed.get(0) === 10 && committed.get(1) === 10;
    });
    // Caught up on both partitions.
    expect(source.operator.lag().sort((a, b) => a.partition - b.partition)).toEqual([
      { topic, partition: 0, records: 0, seconds: 0 },
      { topic, partition: 1, records: 0, seconds: 0 },
    ]);
    await topics().produce(topic, 1, [{ id: 'after-1' }, { id: 'after-2' }, { id: 'after-3' }]);
    const [resumed] = subtasks({ topics: [topic], group, startFrom: 'group-offsets' }, 1) as [
      Harness,
    ];
    // Started, nothing emitted yet: three records behind on partition 1.
    await started([resumed], 2);
    await waitFor(
      'the lag',
      () => resumed.operator.lag().find((l) => l.partition === 1)?.records === 3,
    );
    const [out] = await pollUntil([resumed], 3);
    expect(ids(out ?? [])).toEqual(['after-1', 'after-2', 'after-3']);
    expect(resumed.operator.lag().map((l) => l.records)).toEqual([0, 0]);
  });
});
