import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobSpec, OperatorSpec, WindowResult } from '@weir/contract';
import { clickLineAt } from '../src/connectors/datagen/click-generator.js';
import { boundedClickJob, datagenOf } from './bounded-click-job.js';
import {
  differenceFrom,
  type OutputDifference,
  readResults,
  referenceWindowCounts,
} from './click-reference.js';
import { HaCluster } from './ha-cluster.js';
import { withSink } from './kafka-results.js';
import { waitFor } from './wait-for.js';

/**
 * When the leader dies: as its job starts (fresh or restored), as it has just restored state,
 * right as a checkpoint commits (its sinks are being told to write), a random moment into a
 * steady run, and as the job's final checkpoint commits (the job is finishing).
 */
export type KillMoment = 'startup' | 'restore' | 'checkpoint' | 'steady' | 'finishing';

export interface DrillOptions {
  zookeeper: string;
  databaseUrl: string;
  dir: string;
  /** The engines' cluster id: drills sharing a ZooKeeper each need their own. */
  clusterId: string;
  /** Kills planned; the first is at start-up, the last as the job finishes. */
  kills: number;
  /** Seeds the kill schedule, so a failing schedule can be replayed. */
  seed: number;
  sessionTimeoutMs: number;
  /** Records the bounded job reads; it must run long enough for the kills. */
  records: number;
  ratePerSecond: number;
  /** Subtasks the job starts with (3 unless given). */
  parallelism?: number;
  /** Rescale the job to `to` subtasks once `afterKill` kills are done. */
  rescale?: { afterKill: number; to: number };
  /** Sees every engine's log lines (after the drill's own cue check). */
  onLine?: (id: string, line: string) => void;
  /** Where the results go instead of the file sink. */
  output?: DrillOutput;
  /** Where the records come from instead of the bounded datagen source. */
  input?: DrillInput;
  log?: (line: string) => void;
}

/** A sink other than the file sink for the drill's results, and how to read them back. */
export interface DrillOutput {
  /** Replaces the file sink (uid "results"). */
  sink: OperatorSpec;
  read(): Promise<WindowResult[]>;
  /** Runs once the kill numbered `kill` (from 1) is done and a standby replaced the victim. */
  afterKill?(kill: number): Promise<void>;
}

/**
 * An unbounded input instead of the datagen source: the same records (so the same reference),
 * written by `feed` while the drill runs. The job then never finishes by itself: the drill
 * ends it once the output holds as many results as the reference, so there is no kill "as the
 * job finishes", and the reported status is CANCELED.
 */
export interface DrillInput {
  /** Replaces the datagen source (uid "clicks"). */
  source: OperatorSpec;
  /** Replaces "parse": turns what `source` emits into click events. */
  parse: OperatorSpec;
  /**
   * Writes datagen's records `lineAt(0 .. count - 1)` in order, then whatever makes the last
   * windows fire. Runs alongside the kills; the drill awaits it.
   */
  feed(lineAt: (index: number) => string, count: number): Promise<void>;
}

export interface DrillReport {
  kills: KillMoment[];
  /** How the job ended: FINISHED, unless it failed for good. */
  finalStatus: string | null;
  rescaled: boolean;
  /** Results a failure-free run writes. */
  expected: number;
  difference: OutputDifference;
}

const SLIDING = { sizeMs: 400, slideMs: 100 };

/** The drill's job: parse, keyed sliding-window counts, one sink (a file unless `output`). */
function drillJob(options: DrillOptions, resultsFile: string): JobSpec {
  const spec = boundedClickJob({
    id: 'exactly-once-drill',
    count: options.records,
    ratePerSecond: options.ratePerSecond,
    throttle: true,
    resultsFile,
    // Three slides of event time fire per checkpoint: several windows' results in each.
    checkpointIntervalMs: 300,
    parallelism: options.parallelism ?? 3,
    sliding: SLIDING,
    restartStrategy: { type: 'fixed-delay', attempts: 1000, delayMs: 100 },
  });
  const { input, output } = options;
  const operators = spec.operators.map((op) =>
    op.uid === 'clicks' && input ? input.source : op.uid === 'parse' && input ? input.parse : op,
  );
  return output ? withSink({ ...spec, operators }, output.sink) : { ...spec, operators };
}

/** A small seeded generator (mulberry32): the same seed gives the same schedule. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * First at start-up and, for a job that finishes, last while finishing; in between each other
 * kind once (a checkpoint kill first, so that a restore kill has a checkpoint to restore), then
 * at random.
 */
export function killSchedule(kills: number, next: () => number, finishes = true): KillMoment[] {
  const fixed: KillMoment[] = ['checkpoint', 'restore', 'steady'];
  const schedule: KillMoment[] = ['startup'];
  const last = finishes && kills > 1 ? 1 : 0;
  for (let i = 1; i < kills - last; i++)
    schedule.push(fixed[i - 1] ?? (fixed[Math.floor(next() * fixed.length)] as KillMoment));
  if (last) schedule.push('finishing');
  return schedule;
}

interface LogRecord {
  msg?: string;
  to?: string;
  kind?: string;
  final?: boolean;
}

const parse = (line: string): LogRecord => {
  try {
    return JSON.parse(line) as LogRecord;
  } catch {
    return {};
  }
};

/** Which log line of the leader a kill waits for (a steady kill then waits a random while more). */
const CUES: Record<KillMoment, (r: LogRecord) => boolean> = {
  startup: (r) => r.msg === 'job status changed' && r.to === 'RUNNING',
  restore: (r) => r.msg === 'restored state',
  checkpoint: (r) => r.msg === 'snapshot completed' && r.kind === 'CHECKPOINT' && !r.final,
  steady: (r) => r.msg === 'snapshot completed' && r.kind === 'CHECKPOINT' && !r.final,
  finishing: (r) => r.msg === 'snapshot completed' && r.final === true,
};

/**
 * The exactly-once drill: two engines in ZooKeeper HA mode run a bounded job to its end while
 * the leader is SIGKILLed at the moments of `killSchedule` (and replaced by a fresh standby
 * each time); optionally the job is rescaled in between. The sink's output is then compared
 * with the reference as multisets: every result exactly once.
 */
export async function runExactlyOnceDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => {});
  const next = random(options.seed);
  const resultsFile = path.join(options.dir, 'results.jsonl');
  const spec = drillJob(options, resultsFile);
  const generator = datagenOf(drillJob({ ...options, input: undefined }, resultsFile));
  const reference = referenceWindowCounts(generator, SLIDING.sizeMs, SLIDING.slideMs);
  const readOutput = () => (options.output ? options.output.read() : readResults(resultsFile));
  /** The job has ended for good: by itself, or (unbounded input) with all output there. */
  const ended = (stop: { now: boolean }, timeoutMs?: number) =>
    options.input
      ? outputComplete(readOutput, reference.size, stop, timeoutMs)
      : jobEnded(cluster, spec.id, stop, timeoutMs);
  const specFile = path.join(options.dir, 'job.json');
  await writeFile(specFile, JSON.stringify(spec));

  let armed: {
    cue: (r: LogRecord) => boolean;
    fire: (id: string, child: ChildProcess) => void;
  } | null = null;
  const cluster = new HaCluster({
    zookeeper: options.zookeeper,
    databaseUrl: options.databaseUrl,
    dir: options.dir,
    sessionTimeoutMs: options.sessionTimeoutMs,
    env: { WEIR_JOB_SPEC: specFile, WEIR_CLUSTER_ID: options.clusterId },
    onLine: (id, line, child) => {
      options.onLine?.(id, line);
      if (armed?.cue(parse(line))) {
        const { fire } = armed;
        armed = null;
        fire(id, child);
      }
    },
  });
  /** Resolves with the engine killed at `moment`'s cue, or null if the job ended first. */
  const armKill = (moment: KillMoment) =>
    new Promise<string>((resolve) => {
      armed = {
        cue: CUES[moment],
        fire: (id, child) => {
          if (moment !== 'steady') {
            child.kill('SIGKILL'); // at once, in the same turn as the cue
            return resolve(id);
          }
          setTimeout(
            () => {
              child.kill('SIGKILL');
              resolve(id);
            },
            Math.floor(next() * 1500),
          );
        },
      };
    });
  /** A replacement standby; one killed while starting (it led at once) is simply gone. */
  const startStandby = () => cluster.startEngine().catch((error: Error) => log(error.message));

  const done: KillMoment[] = [];
  let rescaled = false;
  let finalStatus: string | null = null;
  const feeding = options.input?.feed((index) => clickLineAt(generator, index), generator.count);
  try {
    for (const moment of killSchedule(options.kills, next, !options.input)) {
      const killed = armKill(moment);
      if (done.length === 0) {
        await startStandby();
        await startStandby();
      }
      const stop = { now: false };
      const victim = await Promise.race([
        killed,
        ended(stop).then((status) => ({ ended: status })),
      ]);
      stop.now = true;
      armed = null;
      if (typeof victim !== 'string') {
        log(`the job ended (${victim.ended}) before the ${moment} kill`);
        break;
      }
      done.push(moment);
      log(`kill ${done.length}: ${victim} at ${moment}`);
      await cluster.kill(victim);
      await startStandby();
      await options.output?.afterKill?.(done.length);
      if (done.length === options.rescale?.afterKill) {
        rescaled = await rescale(cluster, spec.id, options.rescale.to);
        log(rescaled ? `rescaled to ${options.rescale.to}` : 'the job ended before the rescale');
      }
    }
    await feeding;
    finalStatus = await ended({ now: false }, 300_000);
    if (options.input) finalStatus = await cancel(cluster, spec.id);
  } finally {
    armed = null;
    await cluster.stop();
  }
  return {
    kills: done,
    finalStatus,
    rescaled,
    expected: reference.size,
    difference: differenceFrom(reference, await readOutput()),
  };
}

/**
 * Polls until `read` holds at least `expected` results (resolving with "COMPLETE") or
 * `stop.now` is set (null). More than expected still ends it: the comparison names the extras.
 */
async function outputComplete(
  read: () => Promise<WindowResult[]>,
  expected: number,
  stop: { now: boolean },
  timeoutMs = 600_000,
): Promise<string | null> {
  await waitFor(
    `${expected} results in the output`,
    async () => stop.now || (await read()).length >= expected,
    timeoutMs,
    1000,
  );
  return stop.now ? null : 'COMPLETE';
}

/** Cancels the job through the leader's API; resolves with its status once it has ended. */
async function cancel(cluster: HaCluster, jobId: string): Promise<string | null> {
  const { engine } = await cluster.waitForLeader({ timeoutMs: 120_000 });
  await engine.api.jobs.cancel.mutate({ jobId });
  return jobEnded(cluster, jobId, { now: false }, 60_000);
}

/**
 * The job's status on the engine that leads and has recovered its jobs, or null while none
 * has. A leader that took over after the job ended for good has no graph of it left to run.
 */
async function statusOnLeader(cluster: HaCluster, jobId: string): Promise<string | null> {
  const overview = await cluster.overview();
  const leaderId = overview.leader?.instanceId;
  const engine = leaderId ? cluster.engines.get(leaderId) : undefined;
  const change = overview.leaderChanges[0];
  if (!engine || !change || change.newInstanceId !== leaderId || change.recoveryMs === null)
    return null;
  const jobs = await engine.api.jobs.list.query();
  return jobs.find((j) => j.id === jobId)?.status ?? 'FINISHED';
}

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/**
 * Polls until the job has ended for good (resolving with its status) or `stop.now` is set
 * (resolving with null), so a poll that lost a race does not outlive it.
 */
async function jobEnded(
  cluster: HaCluster,
  jobId: string,
  stop: { now: boolean },
  timeoutMs = 600_000,
): Promise<string | null> {
  let status: string | null = null;
  await waitFor(
    `job ${jobId} to end`,
    async () => {
      if (stop.now) return true;
      status = await statusOnLeader(cluster, jobId);
      return status !== null && ENDED.has(status);
    },
    timeoutMs,
    250,
  );
  return stop.now ? null : status;
}

/**
 * Rescales through the leader's API once the job runs there (a new leader may still be
 * restoring it, or restarting it after the broker came back); false when it had ended.
 */
async function rescale(cluster: HaCluster, jobId: string, parallelism: number): Promise<boolean> {
  const { engine } = await cluster.waitForLeader({ timeoutMs: 120_000 });
  const status = await waitFor(
    `job ${jobId} running or ended on the leader`,
    async () => {
      const { status } = await engine.api.jobs.get.query({ jobId });
      return status === 'RUNNING' || ENDED.has(status) ? status : null;
    },
    120_000,
    100,
  );
  if (status !== 'RUNNING') return false;
  const operation = await engine.api.jobs.rescale.mutate({ jobId, parallelism });
  const settled = await waitFor(
    'the rescale to settle',
    async () => {
      const now = await engine.api.jobs.operation.query({ operationId: operation.id });
      return now.status === 'RUNNING' ? null : now;
    },
    120_000,
    100,
  );
  if (settled.status !== 'SUCCEEDED')
    throw new Error(`rescale ${settled.status}: ${settled.error}`);
  return true;
}
