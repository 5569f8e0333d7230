// Keyed 10 s tumbling count over 100k keys at parallelism 1 and 2, run to completion on the
// real runtime (worker threads, channels).
import { parseArgs } from 'node:util';
import { measureKeyedCount } from './_keyed-count.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000000' },
    keys: { type: 'string', default: '100000' },
  },
});
await measureKeyedCount('keyed-count', {
  records: Number(values.records),
  keys: Number(values.keys),
  checkpointMs: null,
  parallelisms: [1, 2],
});
