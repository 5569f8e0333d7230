// Stateless chain datagen -> parse -> filter -> map -> blackhole at parallelism 1 and 2. Every
// edge is forward, so each subtask runs the whole chain by function calls (no shuffle).
// `pN_records_per_s` times the whole job (starting two cold worker threads, the final
// checkpoint, the shutdown: ~0.3 s here, a fifth of a 4M-record run at 3M/s);
// `pN_processing_records_per_s` the processing alone, from RUNNING to the final checkpoint's
// trigger. Single runs at parallelism 2 spread from 2.0M to 4.3M within minutes here, so each
// figure is the median of `--rounds` (default 5) rounds, each running p1 then p2, with every
// round's figure beside it (`pN_rounds`, `pN_processing_rounds`).
import { parseArgs } from 'node:util';
import { JobSpecSchema } from '@weir/contract';
import { benchSource, median, report, runJob } from './_run-job.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '4000000' },
    rounds: { type: 'string', default: '5' },
  },
});
const records = Number(values.records);
const rounds = Number(values.rounds);

function statelessSpec(parallelism: number, count: number) {
  return JobSpecSchema.parse({
    id: 'bench-stateless',
    name: 'bench stateless',
    parallelism,
    checkpointing: { intervalMs: 3_600_000 },
    operators: [
      { uid: 'clicks', kind: 'datagen', config: benchSource(count, 10_000) },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      { uid: 'not-home', kind: 'filter', config: { expression: 'record.page != "/p0"' } },
      {
        uid: 'shape',
        kind: 'map',
        config: { expression: '{"user": record.user, "second": record.ts / 1000.0}' },
      },
      { uid: 'sink', kind: 'blackhole' },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'not-home' },
      { from: 'not-home', to: 'shape' },
      { from: 'shape', to: 'sink' },
    ],
  });
}

await runJob(statelessSpec(2, 300_000), 300_000); // warm-up
const wholeJob: Record<number, number[]> = { 1: [], 2: [] };
const processing: Record<number, number[]> = { 1: [], 2: [] };
for (let round = 1; round <= rounds; round++) {
  for (const parallelism of [1, 2]) {
    const run = await runJob(statelessSpec(parallelism, records), records);
    if (run.status !== 'FINISHED') throw new Error(`the job ended ${run.status}`);
    wholeJob[parallelism]?.push(run.recordsPerSecond);
    processing[parallelism]?.push(run.processingRecordsPerSecond);
    process.stderr.write(
      `round ${round}, parallelism ${parallelism}: ${run.recordsPerSecond} records/s ` +
        `(${run.seconds.toFixed(2)} s); ${run.processingRecordsPerSecond} processing ` +
        `(${run.processingSeconds.toFixed(2)} s)\n`,
    );
  }
}
const figures: Record<string, unknown> = { bench: 'stateless', records, rounds };
for (const parallelism of [1, 2]) {
  const whole = wholeJob[parallelism] as number[];
  const processed = processing[parallelism] as number[];
  figures[`p${parallelism}_records_per_s`] = median(whole);
  figures[`p${parallelism}_processing_records_per_s`] = median(processed);
  figures[`p${parallelism}_rounds`] = whole;
  figures[`p${parallelism}_processing_rounds`] = processed;
}
report(figures);
