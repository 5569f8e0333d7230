// One keyed tumbling count window operator, in this thread: nanoseconds per record over
// `--keys` keys, records in batches of 512 decoded from JSON as a channel delivers them (fresh
// key strings, key groups computed), the watermark following 2 s behind. Isolates the window
// slot lookup that a keyed-count worker spends 15-20 % of its time in.
import { parseArgs } from 'node:util';
import { createWindowOperator, keyGroupOf, OperatorHarness } from '@weir/engine/testing';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '2000000' },
    keys: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '5' },
  },
});
const records = Number(args.records);
const keys = Number(args.keys);
const rounds = Number(args.rounds);
const BATCH = 512;
const MAX_PARALLELISM = 128;
const START = 1_700_000_000_000;

/** 100 records per millisecond of event time; keys spread over the whole key space. */
const batches: string[] = [];
for (let b = 0; b < records; b += BATCH) {
  const lines: string[] = [];
  for (let i = b; i < Math.min(records, b + BATCH); i++)
    lines.push(`{"user":"u${(i * 7919) % keys}","ts":${START + Math.floor(i / 100)}}`);
  batches.push(`[${lines.join(',')}]`);
}

function round(): number {
  const harness = new OperatorHarness(
    createWindowOperator({
      keyField: 'user',
      timeField: 'ts',
      window: { kind: 'tumbling', sizeMs: 10_000 },
      aggregate: { kind: 'count' },
      allowedLatenessMs: 0,
    }),
    { maxParallelism: MAX_PARALLELISM },
  );
  const op = harness.operator;
  let spentNs = 0;
  let results = 0;
  for (const text of batches) {
    const values = JSON.parse(text) as Array<{ user: string; ts: number }>;
    const groups = values.map((v) => keyGroupOf(v.user, MAX_PARALLELISM));
    const started = process.hrtime.bigint();
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as { user: string; ts: number };
      op.processElement(value, 0, value.user, groups[i] as number);
    }
    op.processWatermark((values[values.length - 1] as { ts: number }).ts - 2000);
    spentNs += Number(process.hrtime.bigint() - started);
    results += harness.drain().length;
  }
  if (results === 0) throw new Error('no window fired: the run measured nothing');
  return spentNs / records;
}

const perRound = Array.from({ length: rounds }, round);
const sorted = [...perRound].sort((a, b) => a - b);
process.stderr.write(`ns per record by round: ${perRound.map((n) => n.toFixed(1)).join(', ')}\n`);
console.log(
  JSON.stringify({
    bench: 'window-operator',
    records,
    keys,
    rounds,
    ns_per_record: Number((sorted[Math.floor(rounds / 2)] as number).toFixed(1)),
    ns_per_record_min: Number((sorted[0] as number).toFixed(1)),
    ns_per_record_max: Number((sorted[rounds - 1] as number).toFixed(1)),
  }),
);
