// Event-to-output latency of the stateless chain (datagen -> parse -> stamp -> filter -> project
// -> latency sink) at a steady, throttled rate, at parallelism 1 and 2: how long a record takes
// from entering the job to leaving it, through channels, batching and thread hops.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JobSpecSchema } from '@weir/contract';
import { report, runJob } from './_run-job.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
  },
});
const rate = Number(values.rate);
const records = rate * Number(values.seconds);
const operatorsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'operators');

function latencySpec(parallelism: number, outFile: string) {
  return JobSpecSchema.parse({
    id: 'bench-latency',
    name: 'bench latency',
    parallelism,
    checkpointing: { intervalMs: 1000 },
    operators: [
      {
        uid: 'clicks',
        kind: 'datagen',
        config: { seed: 1, ratePerSecond: rate, throttle: true, count: records, users: 10_000 },
      },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      { uid: 'stamp', kind: 'custom', config: { module: 'stamp' } },
      { uid: 'not-home', kind: 'filter', config: { expression: 'record.page != "/p0"' } },
      {
        uid: 'shape',
        kind: 'project',
        config: { fields: { user: 'record.user', stampedAt: 'record.stampedAt' } },
      },
      // A shuffle before the sink, so records cross threads at parallelism 2.
      { uid: 'latency', kind: 'custom', config: { module: 'latency-sink', config: { outFile } } },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'stamp' },
      { from: 'stamp', to: 'not-home' },
      { from: 'not-home', to: 'shape' },
      { from: 'shape', to: 'latency', partitioning: 'hash', keyField: 'user' },
    ],
  });
}

const figures: Record<string, unknown> = { bench: 'latency', rate_per_s: rate, records };
for (const parallelism of [1, 2]) {
  const outFile = path.join(tmpdir(), `weir-latency-${process.pid}-${parallelism}.jsonl`);
  const run = await runJob(latencySpec(parallelism, outFile), records, { operatorsDir });
  const lines = (await readFile(outFile, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { p50: number; p99: number; max: number });
  await rm(outFile, { force: true });
  // The worst subtask's percentiles: what a reader of the slowest partition sees.
  const p50 = Math.max(...lines.map((l) => l.p50));
  const p99 = Math.max(...lines.map((l) => l.p99));
  figures[`p${parallelism}_latency_p50_ms`] = Number(p50.toFixed(1));
  figures[`p${parallelism}_latency_p99_ms`] = Number(p99.toFixed(1));
  figures[`p${parallelism}_records_per_s`] = run.recordsPerSecond;
  process.stderr.write(
    `parallelism ${parallelism}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms at ${rate} records/s (${run.status})\n`,
  );
}
report(figures);
