import { z } from 'zod';

export const AuditListInputSchema = z.object({
  /** A username or `token:<name>`. */
  actor: z.string().trim().min(1).max(100).optional(),
  /** A procedure path such as `savepoints.trigger`. */
  action: z.string().trim().min(1).max(100).optional(),
  jobId: z.string().trim().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(500).default(100),
  /** The previous page's `nextCursor`: only rows older than it. Named for tRPC infinite queries. */
  cursor: z.number().int().positive().nullish(),
});

export const AuditRowSchema = z.object({
  id: z.number().int(),
  at: z.string().datetime(),
  actor: z.string(),
  action: z.string(),
  jobId: z.string().nullable(),
  params: z.unknown(),
  result: z.enum(['ok', 'error']),
  message: z.string().nullable(),
  durationMs: z.number().int(),
  sourceAddress: z.string().nullable(),
});

export const AuditPageSchema = z.object({
  rows: z.array(AuditRowSchema),
  /** Pass as `cursor` for older rows; null when this page reached the oldest. */
  nextCursor: z.number().int().nullable(),
});
