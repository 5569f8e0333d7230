// The keyed-count job with a checkpoint every second, with the ratio to the same job without
// checkpoints measured in the same process: the median over `--rounds` pairs of runs, since one
// pair on a shared machine can be 15 % off either way.
import { parseArgs } from 'node:util';
import { measureKeyedCount } from './_keyed-count.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000000' },
    keys: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
  },
});
await measureKeyedCount('keyed-count-checkpointed', {
  records: Number(values.records),
  keys: Number(values.keys),
  checkpointMs: 1000,
  parallelisms: [1, 2],
  rounds: Number(values.rounds),
});
