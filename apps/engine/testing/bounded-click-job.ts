import { type JobSpec, type JobSpecInput, JobSpecSchema } from '@weir/contract';

/** A deterministic, bounded version of the sample job with a file sink, for recovery tests. */
export function boundedClickJob(options: {
  id?: string;
  count: number;
  ratePerSecond: number;
  throttle: boolean;
  resultsFile: string;
  checkpointIntervalMs: number;
  seed?: number;
  parallelism?: number;
  /** Counts over sliding windows of `sizeMs` every `slideMs` instead of 10 s tumbling ones. */
  sliding?: { sizeMs: number; slideMs: number };
  restartStrategy?: JobSpecInput['restartStrategy'];
}): JobSpec {
  return JobSpecSchema.parse({
    id: options.id ?? 'bounded-clicks',
    name: 'Bounded clicks per user',
    parallelism: options.parallelism ?? 1,
    checkpointing: { intervalMs: options.checkpointIntervalMs, retained: 3 },
    restartStrategy: options.restartStrategy ?? { type: 'fixed-delay', attempts: 3, delayMs: 10 },
    operators: [
      {
        uid: 'clicks',
        kind: 'datagen',
        config: {
          seed: options.seed ?? 7,
          ratePerSecond: options.ratePerSecond,
          throttle: options.throttle,
          count: options.count,
          users: 50,
          malformedRatio: 0.01,
          maxOutOfOrdernessMs: 2000,
          startTime: CLICK_JOB_START_TIME,
        },
      },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      options.sliding
        ? {
            uid: 'count-per-user',
            kind: 'window',
            config: {
              keyField: 'user',
              timeField: 'ts',
              window: { kind: 'sliding', ...options.sliding },
            },
          }
        : {
            uid: 'count-per-user',
            kind: 'tumbling-count',
            config: { keyField: 'user', timeField: 'ts', sizeMs: TUMBLING_WINDOW_MS },
          },
      // One writer, so the results file is a single ordered stream whatever the parallelism.
      { uid: 'results', kind: 'file-sink', parallelism: 1, config: { path: options.resultsFile } },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'count-per-user', partitioning: 'hash', keyField: 'user' },
      { from: 'count-per-user', to: 'results' },
    ],
  });
}

export const TUMBLING_WINDOW_MS = 10_000;

/** Fixed event-time origin so every run of the same seed produces the same windows. */
export const CLICK_JOB_START_TIME = 1_700_000_000_000;

export function datagenOf(spec: JobSpec) {
  const source = spec.operators.find((op) => op.kind === 'datagen');
  if (
    source?.kind !== 'datagen' ||
    source.config.count === undefined ||
    source.config.startTime === undefined
  ) {
    throw new Error('spec has no bounded datagen source with a fixed start time');
  }
  return { ...source.config, count: source.config.count, startTime: source.config.startTime };
}
