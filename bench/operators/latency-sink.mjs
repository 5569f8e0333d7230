// Benchmark operators (user operator modules, loaded like any user's). "stamp" records the
// processing time a record left its source; "latency-sink" measures now - stamp at the end of
// the pipeline (event-to-output latency) and appends its subtask's p50/p99/max to a file.
import { appendFileSync } from 'node:fs';

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const SAMPLE_EVERY = 16;

export default {
  kind: 'latency-sink',
  create(config) {
    const samples = [];
    let seen = 0;
    let ctx;
    return {
      open(c) {
        ctx = c;
      },
      processElement(value) {
        seen += 1;
        if (seen % SAMPLE_EVERY === 0)
          samples.push(performance.timeOrigin + performance.now() - value.stampedAt);
      },
      processWatermark() {},
      snapshotState() {
        return {};
      },
      restoreState() {},
      endInput() {
        const sorted = samples.sort((a, b) => a - b);
        const line = {
          subtask: ctx.subtaskIndex,
          samples: sorted.length,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
        };
        appendFileSync(config.outFile, `${JSON.stringify(line)}\n`);
      },
    };
  },
};
