import { z } from 'zod';

/** The engine's own cluster: always there, never registered or removed. */
export const EMBEDDED_CLUSTER = 'embedded';

/** A cluster's name as registered: part of every console URL about it (`/clusters/:cluster`). */
export const ClusterIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');
export type ClusterId = z.infer<typeof ClusterIdSchema>;

/**
 * The cluster a call about a job is for. Absent means the embedded cluster, so scripts written
 * before there were several clusters keep working.
 */
export const ClusterScopeShape = { cluster: ClusterIdSchema.default(EMBEDDED_CLUSTER) };

/** The input of a call about a whole cluster (its jobs list, its overview). */
export const ClusterScopeInputSchema = z
  .object(ClusterScopeShape)
  .default({ cluster: EMBEDDED_CLUSTER });
