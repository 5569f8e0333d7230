import { z } from 'zod';
import { RestoreCheckSchema } from './checkpoint.js';
import { JobIdSchema } from './job.js';
import { JobSpecSchema } from './job-spec.js';
import { refuseRedactedSecrets } from './restore-input.js';

/** How a version came to run: submitted, upgraded to, or an earlier version's spec again. */
export const VersionOriginSchema = z.enum(['submit', 'upgrade', 'rollback']);

/** One submitted spec of a job: versions are numbered from 1 and never rewritten. */
export const JobVersionSchema = z.object({
  jobId: JobIdSchema,
  version: z.number().int().positive(),
  spec: JobSpecSchema,
  author: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string().datetime(),
  origin: VersionOriginSchema,
  /** For a rollback: the version whose spec runs again. */
  rollbackOf: z.number().int().positive().nullable(),
  /** The savepoint or checkpoint it started from; null when it started without state. */
  startedFrom: z.string().nullable(),
  /** Set when Weir abandoned it for the previous version (automatic rollback), with why. */
  rolledBack: z.object({ at: z.string().datetime(), reason: z.string() }).nullable(),
});
export type JobVersion = z.infer<typeof JobVersionSchema>;

/**
 * Where an upgrade's state comes from, as the Flink Kubernetes operator's upgrade modes:
 * a savepoint taken as the job stops (the default), the newest retained checkpoint (fast, for a
 * failing job that cannot take a savepoint), or none (stateless).
 */
export const UpgradeModeSchema = z.enum(['savepoint', 'last-checkpoint', 'stateless']);
export type UpgradeMode = z.infer<typeof UpgradeModeSchema>;

/** The longest Weir waits for a new version to prove itself before rolling back: one hour. */
export const MAX_ROLLBACK_AFTER_MS = 3_600_000;

/** What an upgrade goes to and how; the dry run takes the same. */
const UpgradeTargetShape = {
  jobId: JobIdSchema,
  spec: JobSpecSchema,
  mode: UpgradeModeSchema.default('savepoint'),
  allowNonRestoredState: z.boolean().default(false),
};

/** The spec must be the job's own, and hold no redacted secret. */
const checkTarget = (input: { jobId: string; spec: { id: string } }, ctx: z.RefinementCtx) => {
  if (input.spec.id !== input.jobId)
    ctx.addIssue({
      code: 'custom',
      path: ['spec', 'id'],
      message: `is "${input.spec.id}"; an upgrade keeps the job's id "${input.jobId}"`,
    });
  refuseRedactedSecrets(input.spec, ctx);
};

/** `jobs.upgradeCheck`: what upgrading the job to `spec` would do; nothing changes. */
export const UpgradeCheckInputSchema = z.object(UpgradeTargetShape).superRefine(checkTarget);
export type UpgradeCheckRequest = z.infer<typeof UpgradeCheckInputSchema>;

/** `jobs.upgrade`: stop the job with its state and start `spec` from that state. */
export const UpgradeInputSchema = z
  .object({
    ...UpgradeTargetShape,
    comment: z.string().max(2000).optional(),
    /**
     * The new version must run and complete a checkpoint within this long, or Weir starts the
     * previous version again from the same state. 0: no automatic rollback.
     */
    rollbackAfterMs: z.number().int().min(0).max(MAX_ROLLBACK_AFTER_MS).default(120_000),
  })
  .superRefine(checkTarget);
export type UpgradeRequest = z.infer<typeof UpgradeInputSchema>;

/** `jobs.rollback`: run an earlier version's spec again, as an upgrade to it. */
export const RollbackInputSchema = z.object({
  jobId: JobIdSchema,
  version: z.number().int().positive(),
  mode: UpgradeModeSchema.default('savepoint'),
  allowNonRestoredState: z.boolean().default(false),
  comment: z.string().max(2000).optional(),
});
export type RollbackRequest = z.infer<typeof RollbackInputSchema>;

/** An operator's spec changed between versions, with the fields that differ. */
const ChangedOperatorSchema = z.object({
  uid: z.string(),
  kind: z.string(),
  fields: z.array(z.string()),
});

/** A spec against another: operators added, removed and changed (by uid), settings changed. */
export const SpecDiffSchema = z.object({
  added: z.array(z.object({ uid: z.string(), kind: z.string() })),
  removed: z.array(z.object({ uid: z.string(), kind: z.string() })),
  changed: z.array(ChangedOperatorSchema),
  /** Job-level fields that differ: `parallelism`, `checkpointing.intervalMs`, `edges`, ... */
  settings: z.array(z.string()),
});
export type SpecDiff = z.infer<typeof SpecDiffSchema>;

/**
 * The dry run of an upgrade, in words and lists: what the spec changes, and what happens to
 * state (the restore check against the job's newest completed checkpoint, whose state layout a
 * savepoint taken now would share). `state` is null for a stateless upgrade or a job with no
 * completed checkpoint yet (the upgrade then checks against the savepoint it takes).
 */
export const UpgradeCheckSchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  diff: SpecDiffSchema,
  state: RestoreCheckSchema.nullable(),
  /** True when some state would be dropped: the upgrade needs `allowNonRestoredState`. */
  needsAllowNonRestoredState: z.boolean(),
  /** What the dry run compared against, e.g. "checkpoint 41 (…/chk-41)". */
  comparedWith: z.string().nullable(),
});
export type UpgradeCheck = z.infer<typeof UpgradeCheckSchema>;
