// The keyed-count job and its measurement, shared by keyed-count, keyed-count-checkpointed
// and checkpoint-overhead: datagen -> parse -> keyBy(user) -> 10 s tumbling count -> blackhole.
import { JobSpecSchema } from '@weir/contract';
import { benchSource, median, report, runJob, spread } from './_run-job.js';

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
 * them, in the same process; prints one JSON line with records/s and the ratio. With several
 * `rounds` each round runs both (taking turns at going first) and the figures are medians: the
 * ratio is the median of each round's own (`ratios`).
 */
export async function measureKeyedCount(
  bench: string,
  options: {
    records: number;
    keys: number;
    checkpointMs: number | null;
    parallelisms: number[];
    rounds?: number;
  },
) {
  const rounds = options.rounds ?? 1;
  await runJob(
    keyedCountSpec({ parallelism: 2, records: 300_000, keys: options.keys, checkpointMs: NEVER }),
    300_000,
  ); // warm-up
  const figures: Record<string, unknown> = {
    bench,
    records: options.records,
    keys: options.keys,
    rounds,
  };
  const specAt = (parallelism: number, checkpointMs: number) =>
    keyedCountSpec({ parallelism, records: options.records, keys: options.keys, checkpointMs });
  for (const parallelism of options.parallelisms) {
    const runCheckpointed = () =>
      runJob(specAt(parallelism, options.checkpointMs ?? NEVER), options.records);
    const plain: number[] = [];
    const checkpointed: number[] = [];
    const checkpoints: number[] = [];
    /** CPU the checkpoints cost, per checkpoint: with minus without, over the same records. */
    const cpuPerCheckpoint: number[] = [];
    /** Plain over checkpointed CPU seconds for the same records: steadier than wall time on a shared machine. */
    const cpuRatios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Odd rounds run the checkpointed job first: a machine that speeds up or slows down
      // over a round then favours each side equally often, not always the same one.
      const checkpointedFirst = options.checkpointMs !== null && round % 2 === 1;
      const withCheckpoints = checkpointedFirst ? await runCheckpointed() : null;
      const run = await runJob(specAt(parallelism, NEVER), options.records);
      plain.push(run.recordsPerSecond);
      process.stderr.write(
        `parallelism ${parallelism}: ${run.recordsPerSecond} records/s (${run.seconds.toFixed(1)} s, ${run.status})\n`,
      );
      if (options.checkpointMs === null) continue;
      const checkpointedRun = withCheckpoints ?? (await runCheckpointed());
      checkpointed.push(checkpointedRun.recordsPerSecond);
      checkpoints.push(checkpointedRun.checkpoints);
      cpuPerCheckpoint.push(
        ((checkpointedRun.cpuSeconds - run.cpuSeconds) * 1000) / checkpointedRun.checkpoints,
      );
      cpuRatios.push(run.cpuSeconds / checkpointedRun.cpuSeconds);
      process.stderr.write(
        `  checkpoint every ${options.checkpointMs} ms${checkpointedFirst ? ' (run first)' : ''}: ${checkpointedRun.recordsPerSecond} records/s, ${checkpointedRun.checkpoints} checkpoints, ratio ${(checkpointedRun.recordsPerSecond / run.recordsPerSecond).toFixed(3)}\n`,
      );
    }
    figures[`p${parallelism}_records_per_s`] = median(plain);
    if (options.checkpointMs === null) continue;
    // Each checkpointed run against the plain run of its round (pairs), so a slow spell of the
    // machine that hits one pair does not set a fast plain run against a slow checkpointed one.
    const ratios = checkpointed.map((c, i) => c / (plain[i] as number));
    const ratio = Number(median(ratios).toFixed(3));
    figures[`p${parallelism}_checkpointed_records_per_s`] = median(checkpointed);
    figures[`p${parallelism}_checkpoints`] = median(checkpoints);
    figures[`p${parallelism}_cpu_ms_per_checkpoint`] = Math.round(median(cpuPerCheckpoint));
    figures[`p${parallelism}_cpu_ratio`] = Number(median(cpuRatios).toFixed(3));
    figures[`p${parallelism}_ratios`] = ratios.map((r) => Number(r.toFixed(3)));
    // How far the rounds disagree: a spread wider than the effect judged means more rounds.
    figures[`p${parallelism}_ratio_spread`] = Number(spread(ratios).toFixed(3));
    figures[`p${parallelism}_cpu_ratio_spread`] = Number(spread(cpuRatios).toFixed(3));
    figures[`p${parallelism}_ratio`] = ratio;
    figures.ratio = ratio;
  }
  report(figures);
}
