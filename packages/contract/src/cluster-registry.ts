import { z } from 'zod';
import { ClusterIdSchema } from './cluster-id.js';
import { FlinkClusterInfoSchema } from './flink.js';

export const ClusterKindSchema = z.enum(['embedded', 'flink']);
export type ClusterKind = z.infer<typeof ClusterKindSchema>;

/** A Flink cluster's ZooKeeper HA settings, where Weir reads its JobManager leader from. */
export const FlinkZooKeeperSchema = z.object({
  /** `host:port[,host:port…]`, Flink's `high-availability.zookeeper.quorum`. */
  quorum: z
    .string()
    .min(1)
    .max(1000)
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, 'host:port, comma separated'),
  /** Flink's `high-availability.zookeeper.path.root` (default /flink). */
  root: z
    .string()
    .max(200)
    .regex(/^\/[A-Za-z0-9._/-]*$/, 'an absolute ZooKeeper path')
    .default('/flink'),
  /** Flink's `high-availability.cluster-id` (default /default). */
  clusterId: z
    .string()
    .max(200)
    .regex(/^\/?[A-Za-z0-9._-]+$/, 'a ZooKeeper node name')
    .default('/default'),
});
export type FlinkZooKeeper = z.infer<typeof FlinkZooKeeperSchema>;

/** What an admin gives to register a Flink cluster. */
export const RegisterClusterInputSchema = z.object({
  id: ClusterIdSchema.refine((id) => id !== 'embedded', 'the embedded cluster is always there'),
  kind: z.literal('flink'),
  /** The JobManager's REST endpoint, e.g. http://flink-jobmanager:8081. */
  restUrl: z
    .string()
    .max(500)
    .url()
    .refine((url) => /^https?:\/\//.test(url), 'an http:// or https:// URL'),
  /**
   * Sent as the Authorization header on every call (a reverse proxy's `Bearer …`): stored
   * encrypted, never shown again.
   */
  authorization: z.string().min(1).max(4000).optional(),
  zookeeper: FlinkZooKeeperSchema.optional(),
});
export type RegisterClusterInput = z.infer<typeof RegisterClusterInputSchema>;

export const ClusterRefSchema = z.object({ cluster: ClusterIdSchema });

/** Whether the console could reach the cluster when it last asked. */
export const ClusterHealthSchema = z.object({
  state: z.enum(['up', 'unreachable']),
  /** When it last changed state: "unreachable since …". */
  since: z.string().datetime(),
  checkedAt: z.string().datetime(),
  /** Why it is unreachable, in words. */
  error: z.string().nullable(),
});
export type ClusterHealth = z.infer<typeof ClusterHealthSchema>;

/** What a cluster can do: the console disables the rest and says why. */
export const ClusterCapabilitiesSchema = z.object({
  /** Submit a Weir job spec (embedded) or an uploaded jar (Flink). */
  submitSpec: z.boolean(),
  submitJar: z.boolean(),
  /** Change parallelism without a savepoint round trip (Flink's adaptive scheduler). */
  rescaleInPlace: z.boolean(),
  /** Who leads is readable (embedded HA, or a Flink cluster with its ZooKeeper given). */
  leaderView: z.boolean(),
  /** Window results and dead letters Weir's sinks keep; Flink jobs write their own. */
  results: z.boolean(),
});
export type ClusterCapabilities = z.infer<typeof ClusterCapabilitiesSchema>;

/** Who leads a Flink cluster, as its JobManagers publish it in ZooKeeper. */
export const FlinkLeaderSchema = z.object({
  /** The leading JobManager's REST URL. */
  restAddress: z.string().nullable(),
  /** Its dispatcher's RPC address (names the host the JobManager runs on). */
  dispatcherAddress: z.string().nullable(),
  /** The leader session: a new one on every change of leader. */
  sessionId: z.string(),
  /** JobManagers in the election: the leader and its standbys. */
  contenders: z.number().int().nonnegative(),
});
export type FlinkLeader = z.infer<typeof FlinkLeaderSchema>;

/** A change of a Flink cluster's leader, as this engine saw it happen. */
export const FlinkLeaderChangeSchema = z.object({
  at: z.string().datetime(),
  previousSessionId: z.string().nullable(),
  sessionId: z.string(),
  restAddress: z.string().nullable(),
});
export type FlinkLeaderChange = z.infer<typeof FlinkLeaderChangeSchema>;

/** A row of the clusters overview. */
export const ClusterSummarySchema = z.object({
  id: ClusterIdSchema,
  kind: ClusterKindSchema,
  /** Null for the embedded cluster. */
  restUrl: z.string().nullable(),
  /** An Authorization header is stored (its value is never shown). */
  hasAuthorization: z.boolean(),
  zookeeper: FlinkZooKeeperSchema.nullable(),
  health: ClusterHealthSchema,
  capabilities: ClusterCapabilitiesSchema,
  /** Known while the cluster is up. */
  jobs: z
    .object({
      running: z.number().int().nonnegative(),
      failed: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
    })
    .nullable(),
  flink: FlinkClusterInfoSchema.nullable(),
  /**
   * A Flink cluster registered with its ZooKeeper settings: who leads it now (null while no
   * JobManager leads), the changes seen since this engine started watching, newest first, and
   * why the leader could not be read, if it could not.
   */
  leader: z
    .object({
      current: FlinkLeaderSchema.nullable(),
      changes: z.array(FlinkLeaderChangeSchema),
      error: z.string().nullable(),
    })
    .nullable(),
  registeredAt: z.string().datetime().nullable(),
  registeredBy: z.string().nullable(),
});
export type ClusterSummary = z.infer<typeof ClusterSummarySchema>;
