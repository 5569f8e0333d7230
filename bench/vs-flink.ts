// `npm run bench -- vs-flink`: the same job on Apache Flink 2.3 (a local session cluster from
// the Maven jars, hashmap state) and on Weir's engine, in one run, at parallelism 2:
// generated click lines -> parse JSON -> keyBy user over 100k keys -> 10 s event-time
// tumbling count -> discard. Without checkpoints and with one every second.
//
// Steady state on both sides, after a warm-up: Flink's rate is read from its source's record
// counter between `--warmup` and `--warmup + --records` records of one unbounded job,
// cancelled after (its metric fetcher refreshes every 500 ms here); Weir runs a `--warmup`-record job first, then a
// `--records`-record job timed from start to end. CPU: Weir's whole process (every worker
// thread), Flink's TaskManager process (where the job runs), over the same spans.
// This machine's speed moves by up to 2x within minutes, so the comparison runs in `--rounds`
// rounds, each measuring both sides in both modes back to back (who goes first alternates).
// Prints one JSON line; `ratio` is the median over rounds of Weir's records/s over Flink's in
// the same round (without checkpoints), with every round's ratio and their interquartile spread.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { flinkExampleJar, TestFlink } from '@weir/engine/testing';
import { keyedCountSpec } from './_keyed-count.js';
import { median, report, runJob, spread } from './_run-job.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '15000000' },
    warmup: { type: 'string', default: '5000000' },
    rounds: { type: 'string', default: '3' },
    keys: { type: 'string', default: '100000' },
  },
});
const records = Number(values.records);
const warmup = Number(values.warmup);
const keys = Number(values.keys);
const rounds = Number(values.rounds);
const PARALLELISM = 2;
const CHECKPOINT_MS = 1000;
/** No checkpoint during a plain Weir run: an interval longer than any run. */
const NEVER = 3_600_000;
const CLOCK_TICKS_PER_SECOND = 100;

type Mode = 'plain' | 'checkpointed';

interface Side {
  recordsPerSecond: number;
  recordsPerCpuSecond: number;
  seconds: number;
  cpuSeconds: number;
}

/** utime + stime of a process, in seconds (Linux /proc). */
async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start past its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function flinkJson(flink: TestFlink, route: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${flink.restUrl}${route}`, {
    ...init,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.json();
  if (!response.ok)
    throw new Error(`Flink ${route}: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Records the job's source vertex has emitted so far, summed over its subtasks. */
async function sourceRecords(flink: TestFlink, jobId: string, vertexId: string): Promise<number> {
  const metrics = (await flinkJson(
    flink,
    `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics?get=numRecordsOut&agg=sum`,
  )) as { id: string; sum?: number }[];
  return metrics.find((m) => m.id === 'numRecordsOut')?.sum ?? 0;
}

async function measureFlink(flink: TestFlink, jarId: string, checkpointMs: number): Promise<Side> {
  const { jobid } = (await flinkJson(flink, `/jars/${jarId}/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      entryClass: (await flinkExampleJar()).entryClass,
      parallelism: PARALLELISM,
      programArgsList: [
        ...['--throttle', 'false', '--rate', '1000000', '--start-time', '0', '--seed', '1'],
        ...['--users', String(keys)],
        ...['--max-out-of-orderness', '1000', '--checkpoint-interval', String(checkpointMs)],
      ],
    }),
  })) as { jobid: string };
  try {
    const job = (await waitForValue('the Flink job to run', async () => {
      const detail = (await flinkJson(flink, `/jobs/${jobid}`)) as {
        state: string;
        vertices: { id: string }[];
      };
      return detail.state === 'RUNNING' ? detail : null;
    })) as { vertices: { id: string }[] };
    const source = job.vertices[0]?.id as string;
    const mark = async () => ({
      at: performance.now(),
      records: await sourceRecords(flink, jobid, source),
      cpu: await processCpuSeconds(flink.pids.taskManager),
    });
    const reach = async (count: number) => {
      const deadline = performance.now() + 600_000;
      for (let now = await mark(); ; now = await pause(100).then(mark)) {
        if (now.records >= count) return now;
        if (now.at > deadline)
          throw new Error(`the Flink job read ${now.records} records, not ${count}, in 10 min`);
      }
    };
    const start = await reach(warmup);
    const end = await reach(warmup + records);
    const seconds = (end.at - start.at) / 1000;
    const counted = end.records - start.records;
    return {
      recordsPerSecond: Math.round(counted / seconds),
      recordsPerCpuSecond: Math.round(counted / (end.cpu - start.cpu)),
      seconds: round(seconds),
      cpuSeconds: round(end.cpu - start.cpu),
    };
  } finally {
    await fetch(`${flink.restUrl}/jobs/${jobid}?mode=cancel`, { method: 'PATCH' }).catch(() => {});
    await waitForValue('the Flink job to end', async () => {
      const { state } = (await flinkJson(flink, `/jobs/${jobid}`)) as { state: string };
      return ['CANCELED', 'FINISHED', 'FAILED'].includes(state) ? state : null;
    });
  }
}

async function measureWeir(checkpointMs: number): Promise<Side> {
  const spec = (count: number) =>
    keyedCountSpec({ parallelism: PARALLELISM, records: count, keys, checkpointMs });
  await runJob(spec(warmup), warmup);
  const run = await runJob(spec(records), records);
  if (run.status !== 'FINISHED') throw new Error(`the Weir job ended ${run.status}`);
  return {
    recordsPerSecond: run.recordsPerSecond,
    recordsPerCpuSecond: Math.round(records / run.cpuSeconds),
    seconds: round(run.seconds),
    cpuSeconds: round(run.cpuSeconds),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 100) / 100;

async function waitForValue<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(200);
  }
}

const flink = await TestFlink.start({
  slots: PARALLELISM,
  config: { 'metrics.fetcher.update-interval': 500, 'state.backend.type': 'hashmap' },
});
try {
  const { jarId } = await flink.uploadExample();
  const measured: Array<Record<Mode, { flink: Side; weir: Side }>> = [];
  for (let round = 0; round < rounds; round++) {
    const weirFirst = round % 2 === 1;
    const both = async (mode: Mode) => {
      const checkpointMs = mode === 'plain' ? 0 : CHECKPOINT_MS;
      const flinkSide = () => measureFlink(flink, jarId, checkpointMs);
      const weirSide = () => measureWeir(checkpointMs || NEVER);
      if (weirFirst) {
        const weir = await weirSide();
        return { weir, flink: await flinkSide() };
      }
      const flinkRun = await flinkSide();
      return { flink: flinkRun, weir: await weirSide() };
    };
    const plain = await both('plain');
    const checkpointed = await both('checkpointed');
    measured.push({ plain, checkpointed });
    process.stderr.write(
      `round ${round + 1}${weirFirst ? ' (Weir first)' : ''}: plain Weir ${plain.weir.recordsPerSecond} vs Flink ${plain.flink.recordsPerSecond}, checkpointed ${checkpointed.weir.recordsPerSecond} vs ${checkpointed.flink.recordsPerSecond} records/s\n`,
    );
  }
  const ratios = (mode: Mode, figure: keyof Side) =>
    measured.map((m) => m[mode].weir[figure] / m[mode].flink[figure]);
  /** The side's run of the median round by records/s, so its figures belong together. */
  const typical = (mode: Mode, side: 'flink' | 'weir') => {
    const runs = measured.map((m) => m[mode][side]);
    const mid = median(runs.map((r) => r.recordsPerSecond));
    return runs.find((r) => r.recordsPerSecond === mid) as Side;
  };
  const summary = (values: number[]) => ({
    median: round(median(values)),
    rounds: values.map(round),
    spread: round(spread(values)),
  });
  const plain = summary(ratios('plain', 'recordsPerSecond'));
  const checkpointed = summary(ratios('checkpointed', 'recordsPerSecond'));
  const perCpu = summary(ratios('plain', 'recordsPerCpuSecond'));
  report({
    bench: 'vs-flink',
    flinkVersion: flink.version,
    records,
    warmup,
    keys,
    parallelism: PARALLELISM,
    rounds,
    flink: { plain: typical('plain', 'flink'), checkpointed: typical('checkpointed', 'flink') },
    weir: { plain: typical('plain', 'weir'), checkpointed: typical('checkpointed', 'weir') },
    ratio: plain.median,
    ratioCheckpointed: checkpointed.median,
    ratioPerCpuSecond: perCpu.median,
    ratios: plain.rounds,
    ratiosCheckpointed: checkpointed.rounds,
    ratiosPerCpuSecond: perCpu.rounds,
    ratioSpread: plain.spread,
    ratioCheckpointedSpread: checkpointed.spread,
  });
} finally {
  await flink.stop();
}
