/**
 * Key groups, as in Flink: keyGroup = murmur(hash(key)) % maxParallelism, and a subtask owns
 * a contiguous range of key groups. Rescaling moves whole key groups; keys are never rehashed.
 */

/** Java's String.hashCode over UTF-16 code units: cheap, stable across processes. */
function stringHash(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** Murmur3's 32-bit mix of one block plus finaliser, which spreads String.hashCode's clusters. */
function murmurMix(code: number): number {
  let k = Math.imul(code, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function keyGroupOf(key: string, maxParallelism: number): number {
  return murmurMix(stringHash(key)) % maxParallelism;
}

export function subtaskOfKeyGroup(
  keyGroup: number,
  parallelism: number,
  maxParallelism: number,
): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** The inclusive key-group range [start, end] that `subtask` owns. */
export function keyGroupRange(
  subtask: number,
  parallelism: number,
  maxParallelism: number,
): [number, number] {
  const start = Math.ceil((subtask * maxParallelism) / parallelism);
  const end = Math.ceil(((subtask + 1) * maxParallelism) / parallelism) - 1;
  return [start, end];
}
