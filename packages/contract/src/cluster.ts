import { z } from 'zod';
import { FlinkClusterInfoSchema } from './flink.js';

export const HaModeSchema = z.enum(['embedded', 'zookeeper']);
export type HaMode = z.infer<typeof HaModeSchema>;

/** An instance's link to the coordination service; `embedded` when there is none. */
export const CoordinationStateSchema = z.enum([
  'embedded',
  'connecting',
  'connected',
  'suspended',
  'expired',
  'closed',
]);
export type CoordinationState = z.infer<typeof CoordinationStateSchema>;

export const InstanceSchema = z.object({
  instanceId: z.string(),
  role: z.enum(['leader', 'standby']),
  apiAddress: z.string(),
  startedAt: z.string().datetime(),
  /** Its ZooKeeper session as it last reported it. */
  coordination: CoordinationStateSchema,
  lastHeartbeatAt: z.string().datetime(),
});
export type Instance = z.infer<typeof InstanceSchema>;

export const LeaderChangeSchema = z.object({
  at: z.string().datetime(),
  previousInstanceId: z.string().nullable(),
  newInstanceId: z.string(),
  epoch: z.number().int(),
  reason: z.string(),
  /** From the grant until every job the cluster had runs again here; null while recovering. */
  recoveryMs: z.number().int().nonnegative().nullable(),
});
export type LeaderChange = z.infer<typeof LeaderChangeSchema>;

export const ClusterOverviewSchema = z.object({
  clusterId: z.string(),
  haMode: HaModeSchema,
  leader: InstanceSchema.nullable(),
  instances: z.array(InstanceSchema),
  /** Newest first. */
  leaderChanges: z.array(LeaderChangeSchema),
  jobs: z.object({
    running: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** Set for a Flink cluster: its version, TaskManagers and slots. */
  flink: FlinkClusterInfoSchema.optional(),
});
export type ClusterOverview = z.infer<typeof ClusterOverviewSchema>;

export const FailoverResultSchema = z.object({
  previousLeader: z.string(),
  newLeader: z.string(),
  /** Measured by the new leader: from its grant until its jobs ran again. */
  recoveryMs: z.number().int().nonnegative(),
  /** From the step-down request until the new leader reported its jobs running. */
  totalMs: z.number().int().nonnegative(),
});
export type FailoverResult = z.infer<typeof FailoverResultSchema>;
