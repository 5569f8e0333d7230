// Records/s of the walking-skeleton job (datagen -> parse -> keyBy -> 10 s tumbling count ->
// blackhole), unthrottled, with and without periodic checkpoints, in one process.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JobSpecSchema } from '@weir/shared';
import { pino } from 'pino';
import { createSnapshotPaths } from '../apps/engine/src/checkpoint/paths.js';
import { JobRunner } from '../apps/engine/src/runtime/job-runner.js';
import { MemoryHistory } from '../apps/engine/src/testing/memory-history.js';

const records = Number(process.argv[2] ?? 2_000_000);

function spec(checkpointIntervalMs: number, count: number) {
  return JobSpecSchema.parse({
    id: 'bench',
    name: 'bench',
    checkpointing: { intervalMs: checkpointIntervalMs, retained: 2 },
    operators: [
      { uid: 'clicks', kind: 'datagen', config: { seed: 1, ratePerSecond: 100_000, throttle: false, count, users: 10_000, startTime: 0 } },
      { uid: 'parse', kind: 'parse-json', config: { requiredFields: ['user', 'ts'] } },
      { uid: 'count', kind: 'tumbling-count', config: { keyField: 'user', timeField: 'ts', sizeMs: 10_000 } },
      { uid: 'sink', kind: 'blackhole' },
    ],
    edges: [
      { from: 'clicks', to: 'parse' },
      { from: 'parse', to: 'count', partitioning: 'hash', keyField: 'user' },
      { from: 'count', to: 'sink' },
    ],
  });
}

async function run(checkpointIntervalMs: number, count = records): Promise<{ recordsPerSecond: number; checkpoints: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'weir-bench-'));
  const history = new MemoryHistory();
  const runner = new JobRunner(spec(checkpointIntervalMs, count), {
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history,
    logger: pino({ level: 'silent' }),
    now: Date.now,
  });
  const started = performance.now();
  runner.start({ restore: null, firstCheckpointId: 1 });
  await runner.whenTerminated();
  const seconds = (performance.now() - started) / 1000;
  await rm(dir, { recursive: true, force: true });
  return { recordsPerSecond: Math.round(count / seconds), checkpoints: history.rows.filter((r) => r.status === 'COMPLETED').length };
}

// Warm-up so both measured runs see optimised code, not the JIT's first tiers.
await run(3_600_000, 300_000);
const plain = await run(3_600_000);
const checkpointed = await run(1000);
process.stderr.write(`no checkpoints: ${plain.recordsPerSecond} records/s; checkpoint every 1 s: ${checkpointed.recordsPerSecond} records/s (${checkpointed.checkpoints} checkpoints)\n`);
console.log(
  JSON.stringify({
    bench: 'skeleton-throughput',
    records,
    parallelism: 1,
    records_per_s: plain.recordsPerSecond,
    records_per_s_checkpointed_1s: checkpointed.recordsPerSecond,
    checkpoints: checkpointed.checkpoints,
    ratio_checkpointed: Number((checkpointed.recordsPerSecond / plain.recordsPerSecond).toFixed(3)),
  }),
);
