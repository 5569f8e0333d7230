import type { DeadLetterEntry, JobSpec } from '@weir/contract';
import { JobSpecSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import type { EngineProcess } from '../../testing/engine-process.js';
import { haEnvironment } from '../../testing/ha-environment.js';
import { kafkaPerFile } from '../../testing/kafka-services.js';
import { KafkaTopics } from '../../testing/kafka-topics.js';
import { readCommitted } from '../../testing/read-committed.js';
import { waitFor } from '../../testing/wait-for.js';

const GOOD = 20_000;
const MALFORMED = 10_000;
const PARTITIONS = 2;
const REPLAYED = 100;

function job(brokers: string[], input: string, output: string): JobSpec {
  const connection = {
    brokers,
    clientId: 'weir',
    tls: false,
    connectionTimeoutMs: 3000,
    requestTimeoutMs: 10_000,
  };
  return JobSpecSchema.parse({
    id: 'dead-letters',
    name: 'Dead letters across a failover',
    parallelism: 2,
    checkpointing: { intervalMs: 500 },
    restartStrategy: { type: 'fixed-delay', attempts: 10, delayMs: 100 },
    operators: [
      {
        uid: 'in',
        kind: 'kafka-source',
        config: { connection, topics: [input], format: 'json', startFrom: 'earliest' },
      },
      { uid: 'value', kind: 'flat-map', config: { expression: '[record.value]' } },
      {
        uid: 'out',
        kind: 'kafka-sink',
        config: { connection, topic: output, delivery: 'exactly-once', format: 'json' },
      },
    ],
    edges: [
      { from: 'in', to: 'value' },
      { from: 'value', to: 'out' },
    ],
  });
}

/** Record i of the input: every third is not JSON (10,000 of 30,000), the rest `{"n": i}`. */
const lineAt = (i: number) => (i % 3 === 2 ? `bad-${i}{` : JSON.stringify({ n: i }));

/** Every kept dead letter of the job, through the API's pages (what the console exports). */
async function allDeadLetters(engine: EngineProcess, jobId: string) {
  const letters: DeadLetterEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await engine.api.jobs.deadLetters.query({ jobId, cursor, limit: 500 });
    letters.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return letters;
}

/** Writes `lines` in order, record i to partition i mod PARTITIONS, ~3,000 a second. */
async function feed(topics: KafkaTopics, topic: string, lines: string[]): Promise<number> {
  const batch = 300;
  for (let from = 0; from < lines.length; from += batch) {
    const slice = lines.slice(from, from + batch);
    for (let p = 0; p < PARTITIONS; p++)
      await topics.produce(
        topic,
        p,
        slice.filter((_, i) => (from + i) % PARTITIONS === p),
      );
    // Pacing, not waiting for a condition: the input arrives as a live topic's would.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return lines.length;
}

const outputNumbers = async (brokers: string[], topic: string) =>
  (await readCommitted(brokers, topic)).map((v) => (JSON.parse(v) as { n: number }).n);

/**
 * Issue 21: dead letters are published with the checkpoint that covers their records, so a
 * leader SIGKILLed mid-stream neither loses nor repeats one: 10,000 malformed records are
 * counted and kept exactly 10,000 times (compared as multisets, repeats not folded), read
 * through either instance, and fixed ones replayed come out of the job.
 */
describe('dead letters across a leader failover', () => {
  const env = haEnvironment('weir-dead-letters-');
  const kafka = kafkaPerFile();

  it('counts, keeps and pages 10,000 malformed records exactly once, and replays fixed ones', async () => {
    const { brokers } = kafka();
    const topics = new KafkaTopics(brokers);
    await topics.create('dl-in', PARTITIONS);
    await topics.create('dl-out', 2);
    const spec = job(brokers, 'dl-in', 'dl-out');
    const cluster = await env.startCluster(spec, 3000);
    const first = await cluster.waitForLeader();

    const lines = Array.from({ length: GOOD + MALFORMED }, (_, i) => lineAt(i));
    // Fed over ~10 s, so the leader dies with records in flight: some dead letters published,
    // some in a checkpoint not yet complete, some not yet in any.
    const feeding = feed(topics, 'dl-in', lines);
    await waitFor(
      'dead letters published by the first leader',
      async () =>
        (await first.engine.api.jobs.deadLetters.query({ jobId: spec.id, limit: 1 })).counted > 0,
    );
    await cluster.kill(first.id);
    const second = await cluster.waitForLeader({ not: first.id });
    expect(await feeding).toBe(lines.length);

    const good = lines.flatMap((line, i) => (line.startsWith('{') ? [i] : []));
    await waitFor(
      'every good record in the output',
      async () => (await outputNumbers(brokers, 'dl-out')).length >= good.length,
      120_000,
      500,
    );
    const malformed = lines.filter((line) => !line.startsWith('{')).sort();
    expect(malformed).toHaveLength(MALFORMED);
    await waitFor(
      'every dead letter published',
      async () =>
        (await second.engine.api.jobs.deadLetters.query({ jobId: spec.id, limit: 1 })).counted >=
        MALFORMED,
      60_000,
      250,
    );
    // Checkpoints go on committing: nothing is published twice meanwhile.
    const { id: lastCheckpoint } = await waitFor('two more checkpoints', async () => {
      const [newest] = await second.engine.api.checkpoints.list.query({ jobId: spec.id, limit: 1 });
      return newest ? { id: newest.checkpointId } : null;
    });
    await waitFor('two more checkpoints', async () => {
      const [newest] = await second.engine.api.checkpoints.list.query({ jobId: spec.id, limit: 1 });
      return (newest?.checkpointId ?? 0) >= lastCheckpoint + 2;
    });

    const page = await second.engine.api.jobs.deadLetters.query({ jobId: spec.id, limit: 1 });
    expect(page.counted).toBe(MALFORMED);
    expect(page.matching).toBe(MALFORMED);
    expect(page.reasons).toEqual([{ reasonKind: 'malformed JSON', count: MALFORMED }]);
    const kept = await allDeadLetters(second.engine, spec.id);
    expect(kept.map((letter) => letter.record).sort()).toEqual(malformed);
    expect(kept.every((letter) => letter.vertexId === 'in' && !letter.truncated)).toBe(true);
    // The standby reads the same from the database.
    const standby = await cluster.startEngine();
    const fromStandby = await allDeadLetters(standby.engine, spec.id);
    expect(fromStandby.map((letter) => letter.record).sort()).toEqual(malformed);
    // Paging by reason and text narrows on the engine.
    const one = await standby.engine.api.jobs.deadLetters.query({
      jobId: spec.id,
      search: malformed[0],
      limit: 10,
    });
    expect(one.items.map((letter) => letter.record)).toEqual([malformed[0]]);

    // Output so far: every good record exactly once.
    expect((await outputNumbers(brokers, 'dl-out')).sort((a, b) => a - b)).toEqual(good);

    // Replay 100 of them, fixed: they come out of the job, once each.
    const chosen = kept.slice(0, REPLAYED);
    const fixed = new Map(
      chosen.map((letter, i) => [letter.id, JSON.stringify({ n: 1_000_000 + i })]),
    );
    const result = await standby.engine.api.jobs.replayDeadLetters.mutate({
      jobId: spec.id,
      ids: chosen.map((letter) => letter.id),
      replacements: Object.fromEntries(fixed),
    });
    expect(result).toEqual({ replayed: REPLAYED, source: 'in', topic: 'dl-in' });
    const expected = [...good, ...chosen.map((_, i) => 1_000_000 + i)].sort((a, b) => a - b);
    await waitFor(
      'the replayed records in the output',
      async () => (await outputNumbers(brokers, 'dl-out')).length >= expected.length,
      60_000,
      500,
    );
    expect((await outputNumbers(brokers, 'dl-out')).sort((a, b) => a - b)).toEqual(expected);
    const replayed = (await allDeadLetters(second.engine, spec.id)).filter((l) => l.replayedAt);
    expect(replayed.map((l) => l.id).sort()).toEqual(chosen.map((l) => l.id).sort());
    expect(replayed.every((l) => l.replayedBy === 'admin')).toBe(true);
  }, 300_000);
});
