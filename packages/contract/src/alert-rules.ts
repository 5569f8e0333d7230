import { z } from 'zod';

/** What a rule can watch. Every rule belongs to a job; the cluster-wide ones (leader changes,
 * ZooKeeper connection) are measured the same for every job. */
export const RULE_KINDS = [
  'checkpoint-failures',
  'checkpoint-stalled',
  'job-failed',
  'job-restarts',
  'dead-letters',
  'backpressure',
  'watermark-lag',
  'consumer-lag',
  'consumer-lag-seconds',
  'recovery-fallback',
  'upgrade-rolled-back',
  'leader-changed',
  'zookeeper-lost',
] as const;
export const RuleKindSchema = z.enum(RULE_KINDS);
export type RuleKind = z.infer<typeof RuleKindSchema>;

export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;
