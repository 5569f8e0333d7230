// The keyed-count job and its measurement, shared by keyed-count, keyed-count-checkpointed
// and checkpoint-overhead: datagen -> parse -> keyBy(user) -> 10 s tumbling count -> blackhole.
import { JobSpecSchema } from '@weir/shared';
import { benchSource, report, runJob } from './_run-job.js';

export function keyedCountSpec(options: {
  parallelism: number;
  records: number;
  keys: number;
  checkpointMs: number;
}) {
  return JobSpecSchema.parse({
    id: 'bench-keyed-count',
    name: 'bench keyed count',
    parallelism: options.parallelism,
    checkpointing: { intervalMs: options.checkpointMs, retained: 2 },
    operators: [
      { uid: 'clicks', kind: 'datagen', config: benchSource(options.records, options.keys) },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      {
        uid: 'count',
        kind: 'tumbling-count',
        config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 },
      },
      { uid: 'sink', kind: 'blackhole' },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'count', partitioning: 'hash', keyField: 'user' },
      { from: 'count', to: 'sink' },
    ],
  });
}

/** No checkpoint during a plain run: an interval longer than any run. */
const NEVER = 3_600_000;

/**
 * Runs the job at each parallelism without checkpoints and, when `checkpointMs` is set, with
 * them, in the same process; prints one JSON line with records/s and the ratio.
 */
export async function measureKeyedCount(
  bench: string,
  options: { records: number; keys: number; checkpointMs: number | null; parallelisms: number[] },
) {
  await runJob(
    keyedCountSpec({ parallelism: 2, records: 300_000, keys: options.keys, checkpointMs: NEVER }),
    300_000,
  ); // warm-up
  const figures: Record<string, unknown> = { bench, records: options.records, keys: options.keys };
  for (const parallelism of options.parallelisms) {
    const plain = await runJob(
      keyedCountSpec({
        parallelism,
        records: options.records,
        keys: options.keys,
        checkpointMs: NEVER,
      }),
      options.records,
    );
    figures[`p${parallelism}_records_per_s`] = plain.recordsPerSecond;
    process.stderr.write(
      `parallelism ${parallelism}: ${plain.recordsPerSecond} records/s (${plain.seconds.toFixed(1)} s, ${plain.status})\n`,
    );
    if (options.checkpointMs !== null) {
      const spec = keyedCountSpec({
        parallelism,
        records: options.records,
        keys: options.keys,
        checkpointMs: options.checkpointMs,
      });
      const checkpointed = await runJob(spec, options.records);
      const ratio = Number((checkpointed.recordsPerSecond / plain.recordsPerSecond).toFixed(3));
      figures[`p${parallelism}_checkpointed_records_per_s`] = checkpointed.recordsPerSecond;
      figures[`p${parallelism}_checkpoints`] = checkpointed.checkpoints;
      figures[`p${parallelism}_ratio`] = ratio;
      figures.ratio = ratio;
      process.stderr.write(
        `  checkpoint every ${options.checkpointMs} ms: ${checkpointed.recordsPerSecond} records/s, ${checkpointed.checkpoints} checkpoints, ratio ${ratio}\n`,
      );
    }
  }
  report(figures);
}
