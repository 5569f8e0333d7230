// Shared by the benchmarks: runs one bounded job to the end on the real runtime (worker
// threads, channels, checkpoints to a temp directory) and reports its throughput.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobSpec } from '@weir/contract';
import { createSnapshotPaths, JobMaster, MemoryHistory } from '@weir/engine/testing';
import { pino } from 'pino';

export interface JobRun {
  records: number;
  seconds: number;
  recordsPerSecond: number;
  /**
   * From RUNNING (threads started, operators open) to the final checkpoint's trigger (every
   * source has run out and every record has been processed): the job's processing alone,
   * without deploying before it and the final checkpoint and shutdown after it.
   */
  processingSeconds: number;
  processingRecordsPerSecond: number;
  /** CPU time of the whole process (every thread, user + system) over the run. */
  cpuSeconds: number;
  checkpoints: number;
  status: string;
}

export async function runJob(
  spec: JobSpec,
  records: number,
  options: { operatorsDir?: string } = {},
): Promise<JobRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'weir-bench-'));
  const history = new MemoryHistory();
  let runningAt = Number.NaN;
  let finalTriggeredAt = Number.NaN;
  const master = new JobMaster(spec, {
    paths: createSnapshotPaths(path.join(dir, 'chk'), path.join(dir, 'sp')),
    history,
    logger: pino({ level: 'warn' }),
    now: Date.now,
    operatorsDir: options.operatorsDir ?? null,
    onStatusChange: (status) => {
      if (status === 'RUNNING') runningAt = Date.now();
    },
    onSnapshotCompleted: (snapshot) => {
      finalTriggeredAt = snapshot.triggeredAt.getTime();
    },
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await master.start({ restore: null, firstCheckpointId: 1 });
  await master.whenTerminated();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await rm(dir, { recursive: true, force: true });
  // The last snapshot completed is the final checkpoint of a job that finished.
  const processingSeconds = (finalTriggeredAt - runningAt) / 1000;
  return {
    records,
    seconds,
    recordsPerSecond: Math.round(records / seconds),
    processingSeconds,
    processingRecordsPerSecond: Math.round(records / processingSeconds),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    checkpoints: history.rows.filter((r) => r.kind === 'CHECKPOINT' && r.status === 'COMPLETED')
      .length,
    status: master.status,
  };
}

/** A datagen source config for benchmarks: unthrottled, bounded, deterministic. */
export function benchSource(records: number, users: number) {
  return {
    seed: 1,
    ratePerSecond: 1_000_000,
    throttle: false,
    count: records,
    users,
    startTime: 0,
    maxOutOfOrdernessMs: 1000,
  };
}

export function report(figures: Record<string, unknown>): void {
  console.log(JSON.stringify(figures));
}

/** The `p`th percentile of `values` (nearest rank), NaN when there are none. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** The middle value of `values` (the upper one of an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** The middle half of `values`: from the first quartile to the third. */
export const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return at(0.75) - at(0.25);
};
