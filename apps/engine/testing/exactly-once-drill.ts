import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobSpec, OperatorSpec, WindowResult } from '@weir/contract';
import { boundedClickJob, datagenOf } from './bounded-click-job.js';
import {
  differenceFrom,
  differenceOfFile,
  type OutputDifference,
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
  /** Rescale the job (3 -> 2 subtasks) once this many kills are done. */
  rescaleAfterKill?: number;
  /** Sees every engine's log lines (after the drill's own cue check). */
  onLine?: (id: string, line: string) => void;
  /** Where the results go instead of the file sink. */
  output?: DrillOutput;
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

/** The drill's job: parse, keyed sliding-window counts at parallelism 3, one file sink. */
function drillJob(options: DrillOptions, resultsFile: string): JobSpec {
  const spec = boundedClickJob({
    id: 'exactly-once-drill',
    count: options.records,
    ratePerSecond: options.ratePerSecond,
    throttle: true,
    resultsFile,
    // Three slides of event time fire per checkpoint: several windows' results in each.
    checkpointIntervalMs: 300,
    parallelism: 3,
    sliding: SLIDING,
    restartStrategy: { type: 'fixed-delay', attempts: 1000, delayMs: 100 },
  });
  return options.output ? withSink(spec, options.output.sink) : spec;
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
 * First at start-up and last while finishing; in between each other kind once (a checkpoint
 * kill first, so that a restore kill has a checkpoint to restore), then at random.
 */
export function killSchedule(kills: number, next: () => number): KillMoment[] {
  const fixed: KillMoment[] = ['checkpoint', 'restore', 'steady'];
  const schedule: KillMoment[] = ['startup'];
  for (let i = 1; i < kills - 1; i++)
    schedule.push(fixed[i - 1] ?? (fixed[Math.floor(next() * fixed.length)] as KillMoment));
  if (kills > 1) schedule.push('finishing');
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
  try {
    for (const moment of killSchedule(options.kills, next)) {
      const killed = armKill(moment);
      if (done.length === 0) {
        await startStandby();
        await startStandby();
      }
      const stop = { now: false };
      const victim = await Promise.race([
        killed,
        jobEnded(cluster, spec.id, stop).then((status) => ({ ended: status })),
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
      if (done.length === options.rescaleAfterKill) {
        rescaled = await rescale(cluster, spec.id, 2);
        log(rescaled ? 'rescaled to 2' : 'the job ended before the rescale');
      }
    }
    finalStatus = await jobEnded(cluster, spec.id, { now: false }, 300_000);
  } finally {
    armed = null;
    await cluster.stop();
  }
  const reference = referenceWindowCounts(datagenOf(spec), SLIDING.sizeMs, SLIDING.slideMs);
  return {
    kills: done,
    finalStatus,
    rescaled,
    expected: reference.size,
    difference: options.output
      ? differenceFrom(reference, await options.output.read())
      : await differenceOfFile(reference, resultsFile),
  };
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

/** Rescales through the leader's API; false when the job had already finished. */
async function rescale(cluster: HaCluster, jobId: string, parallelism: number): Promise<boolean> {
  const { engine } = await cluster.waitForLeader({ timeoutMs: 120_000 });
  const job = await engine.api.jobs.get.query({ jobId });
  if (job.status !== 'RUNNING') return false;
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
