import { RULE_KINDS, type RuleKind, type Severity } from '@weir/contract';

/** One vertex as the rules see it (VertexMetrics in @weir/contract): its worst subtask's values. */
export interface VertexSignals {
  /** Share of the last second spent waiting for output credit, 0..1. */
  backpressuredRatio: number;
  /** Event time reached (epoch ms); null before the first watermark. */
  watermark: number | null;
  /** A Kafka source's records behind the log end, over all its partitions; absent elsewhere. */
  consumerLagRecords?: number;
  /** A Kafka source's seconds behind on its partition furthest behind; absent elsewhere. */
  consumerLagSeconds?: number;
}

/** One job as the rules see it at one evaluation. */
export interface JobView {
  status: string;
  /** Epoch ms of the last completed checkpoint, or of the run's start before the first. */
  lastProgressAt: number | null;
  checkpointFailuresWithin(windowMs: number): Promise<number>;
  restartsWithin(windowMs: number): number;
  deadLettersWithin(windowMs: number): number;
  recoveryFallbacksWithin(windowMs: number): number;
  /** Upgrades of the job Weir rolled back automatically (read from its versions). */
  upgradeRollbacksWithin(windowMs: number): Promise<number>;
  leaderChangesWithin(windowMs: number): Promise<number>;
  /** The evaluating leader is cut off from ZooKeeper: nothing commits until it is back. */
  coordinationLost: boolean;
  /** Read once per round, and only if a rule asks: it costs the backend a full job detail. */
  vertexMetrics(): Promise<VertexSignals[]>;
}

export interface RuleParams {
  threshold: number;
  windowMs: number;
}

interface KindSpec {
  /** The rule's current value; it is breached when value >= threshold. */
  measure(job: JobView, rule: RuleParams, now: number): Promise<number> | number;
  /** One line for the console and the webhook, e.g. "4 failed checkpoints in 10 min". */
  describe(value: number, rule: RuleParams): string;
  defaults: RuleParams & { forMs: number; severity: Severity };
}

const MINUTE = 60_000;
const minutes = (ms: number) => `${Math.round((ms / MINUTE) * 10) / 10} min`;
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** The worst vertex's value. Only a running job's metrics are current (a stopped job's
 * watermark stands still, so its lag would grow for ever); job-failed covers the others. */
async function worstVertex(job: JobView, value: (v: VertexSignals) => number): Promise<number> {
  if (job.status !== 'RUNNING') return 0;
  return Math.max(0, ...(await job.vertexMetrics()).map(value));
}

export const KINDS: Record<RuleKind, KindSpec> = {
  'checkpoint-failures': {
    measure: (job, rule) => job.checkpointFailuresWithin(rule.windowMs),
    describe: (v, r) => `${v} failed checkpoints in ${minutes(r.windowMs)} (limit ${r.threshold})`,
    defaults: { threshold: 3, windowMs: 10 * MINUTE, forMs: 0, severity: 'warning' },
  },
  // A stuck job does not fail, it just stops checkpointing: threshold is in minutes.
  'checkpoint-stalled': {
    measure: (job, _rule, now) =>
      job.status === 'RUNNING' && job.lastProgressAt !== null
        ? (now - job.lastProgressAt) / MINUTE
        : 0,
    describe: (v, r) =>
      `no checkpoint completed for ${minutes(v * MINUTE)} (limit ${r.threshold} min)`,
    defaults: { threshold: 10, windowMs: 0, forMs: 0, severity: 'critical' },
  },
  'job-failed': {
    measure: (job) => (job.status === 'FAILED' ? 1 : 0),
    describe: () => 'the job failed',
    defaults: { threshold: 1, windowMs: 0, forMs: 0, severity: 'critical' },
  },
  'job-restarts': {
    measure: (job, rule) => job.restartsWithin(rule.windowMs),
    describe: (v, r) => `${v} restarts in ${minutes(r.windowMs)} (limit ${r.threshold})`,
    defaults: { threshold: 3, windowMs: 10 * MINUTE, forMs: 0, severity: 'warning' },
  },
  // Recovery skipped a corrupt or missing newest checkpoint: data since the older one was
  // replayed, and storage needs a look before the next failure finds nothing valid at all.
  'recovery-fallback': {
    measure: (job, rule) => job.recoveryFallbacksWithin(rule.windowMs),
    describe: (v, r) =>
      `${v} recoveries in ${minutes(r.windowMs)} fell back to an older checkpoint (limit ${r.threshold})`,
    defaults: { threshold: 1, windowMs: 60 * MINUTE, forMs: 0, severity: 'critical' },
  },
  // A new version did not run or checkpoint in time and the previous one runs again: the
  // upgrade an operator shipped is not live, and someone has to find out why.
  'upgrade-rolled-back': {
    measure: (job, rule) => job.upgradeRollbacksWithin(rule.windowMs),
    describe: (v, r) =>
      `${v} upgrades rolled back in ${minutes(r.windowMs)} (limit ${r.threshold})`,
    defaults: { threshold: 1, windowMs: 60 * MINUTE, forMs: 0, severity: 'critical' },
  },
  // A takeover replays everything since the last checkpoint: operators want to know, and why.
  'leader-changed': {
    measure: (job, rule) => job.leaderChangesWithin(rule.windowMs),
    describe: (v, r) => `${v} leader changes in ${minutes(r.windowMs)} (limit ${r.threshold})`,
    defaults: { threshold: 1, windowMs: 10 * MINUTE, forMs: 0, severity: 'warning' },
  },
  'zookeeper-lost': {
    measure: (job) => (job.coordinationLost ? 1 : 0),
    describe: () => 'the leader lost its ZooKeeper connection: no checkpoint can complete',
    defaults: { threshold: 1, windowMs: 0, forMs: 30_000, severity: 'critical' },
  },
  'dead-letters': {
    measure: (job, rule) =>
      rule.windowMs > 0 ? (job.deadLettersWithin(rule.windowMs) * MINUTE) / rule.windowMs : 0,
    describe: (v, r) => `${Math.round(v)} dead letters per minute (limit ${r.threshold})`,
    defaults: { threshold: 1000, windowMs: MINUTE, forMs: MINUTE, severity: 'warning' },
  },
  // On any vertex: threshold is a ratio 0..1, and `for` is how long it must last.
  backpressure: {
    measure: (job) => worstVertex(job, (v) => v.backpressuredRatio),
    describe: (v, r) =>
      `a vertex is backpressured ${percent(v)} of the time (limit ${percent(r.threshold)})`,
    defaults: { threshold: 0.8, windowMs: 0, forMs: MINUTE, severity: 'warning' },
  },
  // Event time behind wall-clock time on the vertex furthest behind: threshold is in minutes.
  'watermark-lag': {
    measure: (job, _rule, now) =>
      worstVertex(job, (v) => (v.watermark === null ? 0 : (now - v.watermark) / MINUTE)),
    describe: (v, r) =>
      `event time lags ${minutes(v * MINUTE)} behind wall-clock time (limit ${r.threshold} min)`,
    defaults: { threshold: 5, windowMs: 0, forMs: 2 * MINUTE, severity: 'warning' },
  },
  // Records a Kafka source has still to read, summed over its partitions: input outpacing the job.
  'consumer-lag': {
    measure: (job) => worstVertex(job, (v) => v.consumerLagRecords ?? 0),
    describe: (v, r) => `a Kafka source is ${Math.round(v)} records behind (limit ${r.threshold})`,
    defaults: { threshold: 100_000, windowMs: 0, forMs: 5 * MINUTE, severity: 'warning' },
  },
  // The same lag as time: how old the records being read are, on the partition furthest behind.
  'consumer-lag-seconds': {
    measure: (job) => worstVertex(job, (v) => v.consumerLagSeconds ?? 0),
    describe: (v, r) =>
      `a Kafka source is ${minutes(v * 1000)} behind its input (limit ${r.threshold} s)`,
    defaults: { threshold: 300, windowMs: 0, forMs: 5 * MINUTE, severity: 'warning' },
  },
};

/** The rules every job gets when the evaluator first sees it, named after their kind. */
export function defaultRules(jobId: string) {
  return RULE_KINDS.map((kind) => ({ jobId, name: kind, kind, ...KINDS[kind].defaults }));
}
