// Keyed 10 s tumbling count over 100k keys: datagen -> parse -> keyBy(user) -> window -> blackhole,
// at parallelism 1 and 2, run to completion on the real runtime. `--checkpoint-ms N` adds
// periodic checkpoints (see keyed-count-checkpointed).
import { parseArgs } from 'node:util';
import { JobSpecSchema } from '@weir/shared';
import { benchSource, report, runJob } from './_run-job.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000000' },
    keys: { type: 'string', default: '100000' },
    'checkpoint-ms': { type: 'string' },
  },
});
const records = Number(values.records);
const keys = Number(values.keys);
const checkpointMs = values['checkpoint-ms'] ? Number(values['checkpoint-ms']) : null;

export function keyedCountSpec(parallelism: number, count: number, intervalMs: number) {
  return JobSpecSchema.parse({
    id: 'bench-keyed-count',
    name: 'bench keyed count',
    parallelism,
    checkpointing: { intervalMs, retained: 2 },
    operators: [
      { uid: 'clicks', kind: 'datagen', config: benchSource(count, keys) },
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

// No checkpoint during the plain runs: an interval longer than any run.
const plainInterval = 3_600_000;
await runJob(keyedCountSpec(2, 300_000, plainInterval), 300_000); // warm-up
const figures: Record<string, unknown> = {
  bench: checkpointMs ? 'keyed-count-checkpointed' : 'keyed-count',
  records,
  keys,
};
for (const parallelism of [1, 2]) {
  const plain = await runJob(keyedCountSpec(parallelism, records, plainInterval), records);
  figures[`p${parallelism}_records_per_s`] = plain.recordsPerSecond;
  process.stderr.write(
    `parallelism ${parallelism}: ${plain.recordsPerSecond} records/s (${plain.seconds.toFixed(1)} s, ${plain.status})\n`,
  );
  if (checkpointMs) {
    const checkpointed = await runJob(keyedCountSpec(parallelism, records, checkpointMs), records);
    figures[`p${parallelism}_checkpointed_records_per_s`] = checkpointed.recordsPerSecond;
    figures[`p${parallelism}_checkpoints`] = checkpointed.checkpoints;
    figures[`p${parallelism}_ratio`] = Number(
      (checkpointed.recordsPerSecond / plain.recordsPerSecond).toFixed(3),
    );
    process.stderr.write(
      `  with a checkpoint every ${checkpointMs} ms: ${checkpointed.recordsPerSecond} records/s, ${checkpointed.checkpoints} checkpoints\n`,
    );
  }
}
report(figures);
