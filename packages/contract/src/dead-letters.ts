import { z } from 'zod';
import { JobRefInputSchema } from './job.js';

/** A dead letter as kept: published once the checkpoint covering its record committed. */
export const DeadLetterSchema = z.object({
  /** Database id (a bigint, as text): the paging cursor and what replay names. */
  id: z.string(),
  at: z.string().datetime(),
  vertexId: z.string(),
  subtaskIndex: z.number().int().nonnegative(),
  operatorUid: z.string(),
  reason: z.string(),
  /** The reason up to its first colon ("malformed JSON"): what the console groups by. */
  reasonKind: z.string(),
  /** The offending record as received (JSON text unless it was a string). */
  record: z.string(),
  /** The record was longer than Weir keeps: `record` is its start, and it cannot be replayed. */
  truncated: z.boolean(),
  replayedAt: z.string().datetime().nullable(),
  replayedBy: z.string().nullable(),
});
export type DeadLetterEntry = z.infer<typeof DeadLetterSchema>;

const DeadLetterIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'a dead letter id');

/** Which dead letters: by vertex, by reason kind, by text in the record or reason. */
export const DeadLetterFilterSchema = JobRefInputSchema.extend({
  vertexId: z.string().min(1).max(200).optional(),
  reasonKind: z.string().min(1).max(200).optional(),
  search: z.string().min(1).max(200).optional(),
});
export type DeadLetterFilter = z.infer<typeof DeadLetterFilterSchema>;

/** Newest first, a page at a time: `cursor` is the last id of the previous page. */
export const DeadLettersInputSchema = DeadLetterFilterSchema.extend({
  cursor: DeadLetterIdSchema.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type DeadLettersInput = z.infer<typeof DeadLettersInputSchema>;

export const DeadLetterPageSchema = z.object({
  items: z.array(DeadLetterSchema),
  nextCursor: DeadLetterIdSchema.nullable(),
  /** Every dead letter of the job (or vertex) within retention, kept or only counted: exact. */
  counted: z.number().int().nonnegative(),
  /** Those kept that match the filter. */
  matching: z.number().int().nonnegative(),
  /** Kept dead letters of the job (or vertex) per reason kind, most first. */
  reasons: z.array(z.object({ reasonKind: z.string(), count: z.number().int().nonnegative() })),
});
export type DeadLetterPage = z.infer<typeof DeadLetterPageSchema>;

/**
 * Sends dead letters back into the job's input (a Kafka source's topic), each as kept or as
 * its replacement text (the record fixed by hand).
 */
export const ReplayDeadLettersInputSchema = JobRefInputSchema.extend({
  ids: z.array(DeadLetterIdSchema).min(1).max(1000),
  /** Replacement text by dead letter id; an id not named here is sent as kept. */
  replacements: z.record(DeadLetterIdSchema, z.string().max(1_048_576)).default({}),
  /** The Kafka source to replay into; needed only when the job has several. */
  source: z.string().min(1).max(200).optional(),
});
export type ReplayDeadLettersInput = z.infer<typeof ReplayDeadLettersInputSchema>;

export const ReplayResultSchema = z.object({
  replayed: z.number().int().nonnegative(),
  topic: z.string(),
  source: z.string(),
});
export type ReplayResult = z.infer<typeof ReplayResultSchema>;
