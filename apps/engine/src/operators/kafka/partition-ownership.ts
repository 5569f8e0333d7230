import type { TopicPartition } from '../../connectors/kafka/source-client.js';
import { keyGroupOf, keyGroupRange } from '../../core/key-groups.js';

/** 0.b₀b₁b₂… for n = …b₂b₁b₀ in binary: 0, ½, ¼, ¾, ⅛, ⅝, … (van der Corput). */
function radicalInverse(n: number): number {
  let inverse = 0;
  for (let weight = 0.5; n > 0; n = Math.floor(n / 2), weight /= 2) inverse += (n % 2) * weight;
  return inverse;
}

/**
 * The key group a partition's offset is kept in: a function of the partition alone, so the
 * state of partitions read so far and the ownership of partitions found later agree, before
 * and after any rescale (a rescale moves whole key groups). Partitions 0, 1, 2, … of a topic
 * are placed at ½, ¼, ¾, … of the key-group ring, starting from a point the topic's name
 * picks, so any number of partitions spreads about evenly over any number of subtasks.
 */
export function keyGroupOfPartition({ topic, partition }: TopicPartition, maxParallelism: number) {
  const spread = Math.floor(radicalInverse(partition) * maxParallelism);
  return (keyGroupOf(topic, maxParallelism) + spread) % maxParallelism;
}

/** Whether subtask `subtaskIndex` of `parallelism` reads `partition`. */
export function ownsPartition(
  partition: TopicPartition,
  subtaskIndex: number,
  parallelism: number,
  maxParallelism: number,
): boolean {
  const [start, end] = keyGroupRange(subtaskIndex, parallelism, maxParallelism);
  const keyGroup = keyGroupOfPartition(partition, maxParallelism);
  return keyGroup >= start && keyGroup <= end;
}
