import { z } from 'zod';
import { RuleKindSchema, SeveritySchema } from './alert-rules.js';
import { SilencedBySchema } from './alerts-silences.js';
import { JobIdSchema } from './job.js';

const DAY_MS = 86_400_000;

export const AlertRuleSchema = z.object({
  id: z.number().int(),
  jobId: z.string(),
  name: z.string(),
  kind: RuleKindSchema,
  threshold: z.number(),
  windowMs: z.number().int(),
  forMs: z.number().int(),
  severity: SeveritySchema,
  enabled: z.boolean(),
});

export const CreateRuleInputSchema = z.object({
  jobId: JobIdSchema,
  name: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64'),
  kind: RuleKindSchema,
  threshold: z.number().nonnegative(),
  windowMs: z.number().int().min(0).max(DAY_MS),
  forMs: z.number().int().min(0).max(DAY_MS),
  severity: SeveritySchema,
});

export const UpdateRuleInputSchema = z.object({
  id: z.number().int().positive(),
  threshold: z.number().nonnegative().optional(),
  windowMs: z.number().int().min(0).max(DAY_MS).optional(),
  forMs: z.number().int().min(0).max(DAY_MS).optional(),
  severity: SeveritySchema.optional(),
  enabled: z.boolean().optional(),
});

export const NOTIFICATION_STATUSES = [
  /** Not sent yet: due, retrying after a failure, or waiting for a silence to end. */
  'pending',
  'delivered',
  /** Given up after its attempts; `lastError` says why. */
  'failed',
  /** Not sent: its incident was silenced until it resolved. */
  'silenced',
  /** Not sent: someone acknowledged the incident first. */
  'acknowledged',
] as const;

export const AlertNotificationSchema = z.object({
  /** The channel it goes to: 0 is the built-in webhook. */
  channelId: z.number().int(),
  /** The channel's name ("removed" once it is gone). */
  channel: z.string(),
  event: z.enum(['firing', 'resolved']),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().datetime().nullable(),
  /** While pending: when it is next tried (after a failure, or when a silence is looked at again). */
  nextAttemptAt: z.string().datetime().nullable(),
});

export const AlertSchema = z.object({
  id: z.number().int(),
  ruleId: z.number().int(),
  ruleName: z.string(),
  kind: RuleKindSchema,
  jobId: z.string(),
  severity: SeveritySchema,
  state: z.enum(['firing', 'resolved']),
  firedAt: z.string().datetime(),
  resolvedAt: z.string().datetime().nullable(),
  value: z.number(),
  summary: z.string(),
  notifications: z.array(AlertNotificationSchema),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().datetime().nullable(),
  /** While firing: the silence muting it now, if one does. */
  silencedBy: SilencedBySchema.nullable(),
});

export const PendingAlertSchema = z.object({
  ruleId: z.number().int(),
  jobId: z.string(),
  ruleName: z.string(),
  severity: SeveritySchema,
  since: z.string().datetime(),
  summary: z.string(),
});

export const CurrentAlertsSchema = z.object({
  firing: z.array(AlertSchema),
  pending: z.array(PendingAlertSchema),
  webhookConfigured: z.boolean(),
});

export const AlertHistoryInputSchema = z.object({
  jobId: JobIdSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.number().int().positive().nullish(),
});

export const AlertHistoryPageSchema = z.object({
  rows: z.array(AlertSchema),
  nextCursor: z.number().int().nullable(),
});

export const AlertStatsInputSchema = z.object({
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
});

export const AlertStatsSchema = z.object({
  /** Bucket starts, oldest first; each rule's `counts` line up with them. */
  buckets: z.array(z.string().datetime()),
  rules: z.array(
    z.object({
      ruleId: z.number().int(),
      name: z.string(),
      jobId: z.string(),
      counts: z.array(z.number().int()),
    }),
  ),
});
