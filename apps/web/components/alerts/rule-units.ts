import type { RuleKind } from '@/lib/trpc/types';

/** What each rule kind's threshold means, as the rules table and form say it. */
export const THRESHOLD_UNIT: Record<RuleKind, string> = {
  'checkpoint-failures': 'failures',
  'checkpoint-stalled': 'minutes without a checkpoint',
  'job-failed': '(1 = failed)',
  'job-restarts': 'restarts',
  'dead-letters': 'per minute',
  backpressure: 'backpressured share of time (0–1)',
  'watermark-lag': 'minutes behind wall-clock',
  'consumer-lag': 'Kafka records behind',
  'consumer-lag-seconds': 'seconds behind on Kafka',
  'recovery-fallback': 'recoveries from an older checkpoint',
  'upgrade-rolled-back': 'upgrades rolled back',
  'leader-changed': 'leader changes',
  'zookeeper-lost': '(1 = cut off)',
};

/** A rule's fields as the forms' problems name them; the ms ones as the API counts them. */
export const RULE_FIELD_LABELS = {
  jobId: 'Job',
  name: 'Rule name',
  kind: 'Kind',
  threshold: 'Threshold',
  windowMs: 'Window (ms)',
  forMs: 'For (ms)',
  severity: 'Severity',
};

export const msToMinutes = (ms: number) => ms / 60_000;
export const minutesToMs = (minutes: number) => Math.round(minutes * 60_000);
