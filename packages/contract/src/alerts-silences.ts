import { z } from 'zod';
import { MatcherSchema } from './alerts-channels.js';

const YEAR_MS = 365 * 86_400_000;

export const SilenceSchema = z.object({
  id: z.number().int(),
  /** A rule name or pattern; null: any rule. */
  rule: z.string().nullable(),
  /** A job id or pattern; null: any job. */
  job: z.string().nullable(),
  createdBy: z.string(),
  comment: z.string(),
  createdAt: z.string().datetime(),
  endsAt: z.string().datetime(),
  /** Who ended it early, if anyone did. */
  expiredBy: z.string().nullable(),
});
export type Silence = z.infer<typeof SilenceSchema>;

export const SilencesSchema = z.object({
  active: z.array(SilenceSchema),
  /** The latest ones that ended, newest first. */
  expired: z.array(SilenceSchema),
});

export const AddSilenceInputSchema = z
  .object({
    rule: MatcherSchema.optional(),
    job: MatcherSchema.optional(),
    endsAt: z.iso.datetime({ offset: true, error: 'a date and time' }),
    comment: z.string().trim().min(1, 'say why').max(1000),
  })
  .superRefine((input, ctx) => {
    if (input.rule === undefined && input.job === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['rule'],
        message: 'name a rule or a job (or both): a silence of everything is not one',
      });
  });
export type AddSilenceInput = z.infer<typeof AddSilenceInputSchema>;

/** How far ahead a silence may end: past that it is a rule switched off, not a silence. */
export const MAX_SILENCE_MS = YEAR_MS;

export const SilenceIdInputSchema = z.object({ id: z.number().int().positive() });

export const AcknowledgeInputSchema = z.object({ id: z.number().int().positive() });

export const AcknowledgementSchema = z.object({
  id: z.number().int(),
  acknowledgedBy: z.string(),
  acknowledgedAt: z.string().datetime(),
});

/** The silence an incident is muted by, for the dashboard. */
export const SilencedBySchema = z.object({
  id: z.number().int(),
  endsAt: z.string().datetime(),
  createdBy: z.string(),
  comment: z.string(),
});
