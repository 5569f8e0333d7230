import type { SubtaskMetrics } from '@weir/contract';

/**
 * The task metrics Weir reads of each subtask, by Flink's names. A vertex serves them as
 * `<subtask index>.<name>` (`GET /jobs/:id/vertices/:vid/metrics?get=...`): one call for all
 * its subtasks rather than one per subtask. Checked against Flink 2.3.0 (fixtures/); 1.20
 * names them alike.
 */
const FLINK_NAMES = {
  recordsIn: 'numRecordsIn',
  recordsOut: 'numRecordsOut',
  recordsInPerSecond: 'numRecordsInPerSecond',
  recordsOutPerSecond: 'numRecordsOutPerSecond',
  /** Time spent busy, backpressured and idle since the subtask started, in ms. */
  busyMs: 'accumulateBusyTimeMs',
  backpressuredMs: 'accumulateBackPressuredTimeMs',
  idleMs: 'accumulateIdleTimeMs',
  busyMsPerSecond: 'busyTimeMsPerSecond',
  backpressuredMsPerSecond: 'backPressuredTimeMsPerSecond',
  idleMsPerSecond: 'idleTimeMsPerSecond',
  /** The lowest watermark over the subtask's inputs; a source has no inputs, and none of it. */
  watermark: 'currentInputWatermark',
  inPoolUsage: 'Shuffle.Netty.Input.Buffers.inPoolUsage',
  outPoolUsage: 'Shuffle.Netty.Output.Buffers.outPoolUsage',
} as const;

/** One subtask's metrics as Flink last refreshed them; absent where Flink reported none. */
export type SubtaskReading = { -readonly [K in keyof typeof FLINK_NAMES]?: number };

/**
 * Flink's REST server refuses a request line over 4096 bytes (Netty's default): the metric ids
 * of many subtasks are asked in several calls, each under this many characters.
 */
const MAX_QUERY_CHARS = 3_000;

/** The `get=` lists that ask every metric of `parallelism` subtasks, each short enough. */
export function metricQueries(parallelism: number): string[] {
  const queries: string[] = [];
  let ids: string[] = [];
  let length = 0;
  for (let index = 0; index < parallelism; index++) {
    for (const name of Object.values(FLINK_NAMES)) {
      const id = `${index}.${name}`;
      if (length + id.length + 1 > MAX_QUERY_CHARS && ids.length > 0) {
        queries.push(ids.join(','));
        ids = [];
        length = 0;
      }
      ids.push(id);
      length += id.length + 1;
    }
  }
  if (ids.length > 0) queries.push(ids.join(','));
  return queries;
}

/** Below this a watermark is Flink's "none yet" (Long.MIN_VALUE). */
const NO_WATERMARK = Number.MIN_SAFE_INTEGER;

/** Readings of subtasks 0..parallelism-1 from the `<index>.<name>` values Flink answered. */
export function subtaskReadings(
  values: { id: string; value: string }[],
  parallelism: number,
): SubtaskReading[] {
  const readings: SubtaskReading[] = Array.from({ length: parallelism }, () => ({}));
  const keyOf = new Map<string, keyof SubtaskReading>(
    Object.entries(FLINK_NAMES).map(([key, name]) => [name, key as keyof SubtaskReading]),
  );
  for (const { id, value } of values) {
    const dot = id.indexOf('.');
    const reading = readings[Number(id.slice(0, dot))];
    const key = keyOf.get(id.slice(dot + 1));
    const number = Number(value);
    if (!reading || !key || value.trim() === '' || !Number.isFinite(number)) continue;
    if (key === 'watermark' && number <= NO_WATERMARK) continue;
    reading[key] = number;
  }
  return readings;
}

/** Busy, backpressured and idle time together: the subtask's own clock, in ms. */
const spentMs = (r: SubtaskReading) =>
  r.busyMs !== undefined && r.backpressuredMs !== undefined && r.idleMs !== undefined
    ? r.busyMs + r.backpressuredMs + r.idleMs
    : undefined;

/** Whether Flink reported the subtask's time counters: a subtask still deploying has none. */
export const hasClock = (reading: SubtaskReading) => spentMs(reading) !== undefined;

/**
 * How `latest` relates to the `previous` reading of the same subtask (both with `hasClock`):
 * the same values (Flink has not refreshed them since), later ones of the same run, or
 * counters that went back (the subtask restarted and counts from zero again).
 */
export function readingOrder(
  previous: SubtaskReading,
  latest: SubtaskReading,
): 'same' | 'later' | 'restarted' {
  const before = spentMs(previous) ?? 0;
  const after = spentMs(latest) ?? 0;
  const counters = ['recordsIn', 'recordsOut'] as const;
  if (after < before || counters.some((key) => (latest[key] ?? 0) < (previous[key] ?? 0)))
    return 'restarted';
  return after === before ? 'same' : 'later';
}

const ratio = (value: number | undefined) => Math.min(1, Math.max(0, value ?? 0));
const rate = (value: number | undefined) => Math.max(0, value ?? 0);
const count = (value: number | undefined) => Math.max(0, Math.round(value ?? 0));

/**
 * A subtask's metrics in Weir's terms. Rates and ratios are over the interval between two
 * readings, timed by the subtask's own busy + backpressured + idle time: Flink refreshes the
 * values it serves only every 10 s (`metrics.fetcher.update-interval`), and only when asked,
 * so when Weir read them says little about when they were measured. Without a `previous`
 * reading they are Flink's own per-second values instead: its meters average the last 60 s
 * and its time gauges the last few seconds, refreshed every 10 s. A subtask that is not
 * running has no rates.
 */
export function subtaskMetrics(
  subtaskIndex: number,
  latest: SubtaskReading,
  previous: SubtaskReading | undefined,
  running: boolean,
): SubtaskMetrics {
  const totals = {
    subtaskIndex,
    recordsInTotal: count(latest.recordsIn),
    recordsOutTotal: count(latest.recordsOut),
    watermark: latest.watermark ?? null,
    inputQueueFill: ratio(latest.inPoolUsage),
    outputQueueFill: ratio(latest.outPoolUsage),
    deadLetters: 0,
  };
  if (!running) {
    return {
      ...totals,
      recordsInPerSecond: 0,
      recordsOutPerSecond: 0,
      busyRatio: 0,
      backpressuredRatio: 0,
      idleRatio: 0,
    };
  }
  const elapsedMs = previous ? (spentMs(latest) ?? 0) - (spentMs(previous) ?? 0) : 0;
  if (!previous || elapsedMs <= 0) {
    return {
      ...totals,
      recordsInPerSecond: rate(latest.recordsInPerSecond),
      recordsOutPerSecond: rate(latest.recordsOutPerSecond),
      busyRatio: ratio((latest.busyMsPerSecond ?? 0) / 1000),
      backpressuredRatio: ratio((latest.backpressuredMsPerSecond ?? 0) / 1000),
      idleRatio: ratio((latest.idleMsPerSecond ?? 0) / 1000),
    };
  }
  const delta = (key: 'recordsIn' | 'recordsOut' | 'busyMs' | 'backpressuredMs' | 'idleMs') =>
    (latest[key] ?? 0) - (previous[key] ?? 0);
  return {
    ...totals,
    recordsInPerSecond: rate((delta('recordsIn') * 1000) / elapsedMs),
    recordsOutPerSecond: rate((delta('recordsOut') * 1000) / elapsedMs),
    busyRatio: ratio(delta('busyMs') / elapsedMs),
    backpressuredRatio: ratio(delta('backpressuredMs') / elapsedMs),
    idleRatio: ratio(delta('idleMs') / elapsedMs),
  };
}
