// Stateless chain datagen -> parse -> filter -> map -> blackhole at parallelism 1 and 2. Every
// edge is forward, so each subtask runs the whole chain by function calls (no shuffle).
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
  process.stderr.write(
    `parallelism ${parallelism}: ${run.recordsPerSecond} records/s (${run.seconds.toFixed(1)} s, ${run.status})\n`,
  );
}
report(figures);
