// Throughput with a checkpoint every second vs none, on the keyed-count job with ~1M keys at
// parallelism 2: `ratio` is checkpointed / plain records per second, from the same process
// (the median over `--rounds` pairs of alternating runs). `cpu_ratio` is plain / checkpointed
// CPU seconds for the same records, which a shared machine's slow spells disturb less. Three
// runs of 5 rounds of 4M records gave 0.916, 0.95 and 1.128 within half an hour: 9 rounds of
// 8M records by default, and each ratio's interquartile spread printed, so a 5 % effect can
// be told from noise (or the spread says it cannot).
import { parseArgs } from 'node:util';
import { measureKeyedCount } from './_keyed-count.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '8000000' },
    keys: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '9' },
  },
});
await measureKeyedCount('checkpoint-overhead', {
  records: Number(values.records),
  keys: Number(values.keys),
  checkpointMs: 1000,
  parallelisms: [2],
  rounds: Number(values.rounds),
});
