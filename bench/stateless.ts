// Stateless chain datagen -> parse -> filter -> map -> blackhole at parallelism 1 and 2. Every
// edge is forward, so each subtask runs the whole chain by function calls (no shuffle).
// `pN_records_per_s` times the whole job (starting its threads, the final checkpoint, the
// shutdown: ~0.35 s here, a fifth of a 4M-record run at 3M/s); `pN_processing_records_per_s`
// the processing alone, from RUNNING to the final checkpoint's trigger.
import { parseArgs } from 'node:util';
import { JobSpecSchema } from '@weir/contract';
import { benchSource, report, runJob } from './_run-job.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '4000000' } } });
const records = Number(values.records);

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
const figures: Record<string, unknown> = { bench: 'stateless', records };
for (const parallelism of [1, 2]) {
  const run = await runJob(statelessSpec(parallelism, records), records);
  figures[`p${parallelism}_records_per_s`] = run.recordsPerSecond;
  figures[`p${parallelism}_processing_records_per_s`] = run.processingRecordsPerSecond;
  process.stderr.write(
    `parallelism ${parallelism}: ${run.recordsPerSecond} records/s (${run.seconds.toFixed(1)} s, ${run.status}); ` +
      `${run.processingRecordsPerSecond} records/s processing (${run.processingSeconds.toFixed(2)} s)\n`,
  );
}
report(figures);
