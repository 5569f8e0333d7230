import { z } from 'zod';
import { ClusterScopeShape } from './cluster-id.js';
import { JobIdSchema } from './job.js';

const HOUR = 3_600_000;

/**
 * A job's savepoint schedule and retention (issue 20): a savepoint every `intervalMs` while the
 * job runs (any savepoint, taken by hand or before an upgrade, starts the interval again), and
 * completed savepoints disposed of once more than `keepCount` newer ones exist or once older
 * than `keepForMs`. A savepoint an operator kept, or one chosen for a restore, is never
 * disposed of; neither is the job's newest, whatever its age: it may be the only way back.
 * Each null switches that part off.
 */
export const SavepointPolicySchema = z
  .object({
    intervalMs: z
      .number()
      .int()
      .min(60_000)
      .max(30 * 24 * HOUR)
      .nullable(),
    keepCount: z.number().int().min(1).max(1000).nullable(),
    keepForMs: z
      .number()
      .int()
      .min(60_000)
      .max(3650 * 24 * HOUR)
      .nullable(),
  })
  .strict();
export type SavepointPolicy = z.infer<typeof SavepointPolicySchema>;

/** No schedule and no retention: what a job has until an operator sets a policy. */
export const NO_SAVEPOINT_POLICY: SavepointPolicy = {
  intervalMs: null,
  keepCount: null,
  keepForMs: null,
};

/** A job's policy as stored: who set it last, and when. */
export const StoredSavepointPolicySchema = SavepointPolicySchema.extend({
  updatedBy: z.string().nullable(),
  updatedAt: z.string().datetime().nullable(),
});
export type StoredSavepointPolicy = z.infer<typeof StoredSavepointPolicySchema>;

export const SavepointPolicyInputSchema = z.object({ ...ClusterScopeShape, jobId: JobIdSchema });

export const SetSavepointPolicyInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  policy: SavepointPolicySchema,
});

/** Keeps a savepoint from retention (`keep: true`), or gives it back to retention. */
export const KeepSavepointInputSchema = z.object({
  ...ClusterScopeShape,
  jobId: JobIdSchema,
  checkpointId: z.number().int().nonnegative(),
  keep: z.boolean(),
});
