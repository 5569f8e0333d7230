/**
 * Deterministic click events: record i depends only on (seed, i), so a source restored at
 * offset i continues with exactly the records a failure-free run would have produced.
 */
export interface ClickGeneratorOptions {
  seed: number;
  ratePerSecond: number;
  users: number;
  pages: number;
  malformedRatio: number;
  maxOutOfOrdernessMs: number;
  startTime: number;
}

export interface ClickEvent {
  user: string;
  page: string;
  ts: number;
}

/** splitmix32: a tiny, well-distributed integer hash; good enough for test data, not crypto. */
function mix(seed: number, index: number, salt: number): number {
  let z = (seed ^ Math.imul(index, 0x9e3779b9) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

const unit = (n: number) => n / 0x1_0000_0000;

const userAt = (opts: ClickGeneratorOptions, index: number) =>
  `u${mix(opts.seed, index, 1) % opts.users}`;
const pageAt = (opts: ClickGeneratorOptions, index: number) =>
  `/p${mix(opts.seed, index, 2) % opts.pages}`;

function timeAt(opts: ClickGeneratorOptions, index: number): number {
  const nominal = opts.startTime + Math.floor((index * 1000) / opts.ratePerSecond);
  const jitter = Math.floor(unit(mix(opts.seed, index, 3)) * (opts.maxOutOfOrdernessMs + 1));
  return nominal - jitter;
}

export function clickEventAt(opts: ClickGeneratorOptions, index: number): ClickEvent {
  return { user: userAt(opts, index), page: pageAt(opts, index), ts: timeAt(opts, index) };
}

/**
 * The raw line the source emits; a configured share is deliberately broken. Written as text
 * directly: the same as JSON.stringify of the event (its strings need no escapes, its time is
 * an integer) at half the cost, and the source is on every benchmark's hot path.
 */
export function clickLineAt(opts: ClickGeneratorOptions, index: number): string {
  const user = userAt(opts, index);
  if (opts.malformedRatio > 0 && unit(mix(opts.seed, index, 4)) < opts.malformedRatio) {
    return `{"user":"${user}","page":`; // truncated JSON, as a broken producer would send
  }
  return `{"user":"${user}","page":"${pageAt(opts, index)}","ts":${timeAt(opts, index)}}`;
}

/** Highest event time any record up to `index` (exclusive) can carry: its nominal time. */
export function nominalTimeAt(opts: ClickGeneratorOptions, index: number): number {
  return opts.startTime + Math.floor((index * 1000) / opts.ratePerSecond);
}
