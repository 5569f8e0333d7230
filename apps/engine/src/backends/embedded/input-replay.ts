import type { JobSpec } from '@weir/contract';
import { kafkajsSinkClient } from '../../connectors/kafka/kafkajs-sink-client.js';
import { invalidArgument } from '../../errors/weir-error.js';

/**
 * Writes `records` into the topic a Kafka source of `spec` reads (the one named `source`, or
 * the job's only one), so the job processes them as new input: how dead letters are replayed
 * once fixed. Other sources cannot take records back. Returns where they went.
 */
export async function replayIntoSource(
  spec: JobSpec,
  records: string[],
  source: string | undefined,
): Promise<{ source: string; topic: string }> {
  const op = kafkaSourceOf(spec, source);
  const topic = op.config.topics?.[0];
  if (!topic || (op.config.topics?.length ?? 0) > 1)
    throw invalidArgument(
      `source "${op.uid}" reads ${op.config.topicPattern ? 'a topic pattern' : 'several topics'}: Weir cannot tell which topic the records came from`,
    );
  const producer = kafkajsSinkClient(
    op.config.connection,
    `operators.${op.uid}.config.connection`,
  ).producer();
  try {
    await producer.send(records.map((value) => ({ topic, key: null, value })));
  } finally {
    await producer.close();
  }
  return { source: op.uid, topic };
}

function kafkaSourceOf(spec: JobSpec, uid: string | undefined) {
  const sources = spec.operators.flatMap((op) => (op.kind === 'kafka-source' ? [op] : []));
  if (uid !== undefined) {
    const named = sources.find((op) => op.uid === uid);
    if (named) return named;
    throw invalidArgument(`source: job "${spec.id}" has no Kafka source "${uid}"`);
  }
  const [only, ...others] = sources;
  if (!only)
    throw invalidArgument(
      `job "${spec.id}" reads no Kafka topic: its sources cannot take records back`,
    );
  if (others.length > 0)
    throw invalidArgument(
      `source: job "${spec.id}" has several Kafka sources (${sources.map((s) => s.uid).join(', ')}): name one`,
    );
  return only;
}
