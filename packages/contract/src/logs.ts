import { z } from 'zod';
import { JobIdSchema } from './job.js';

/** pino's levels, lowest first. */
export const LogLevelSchema = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

/** One engine log line as an instance keeps it. */
export const LogLineSchema = z.object({
  /** Increases by one per line an instance kept: the paging and following cursor. */
  seq: z.number().int().positive(),
  at: z.string().datetime(),
  level: LogLevelSchema,
  msg: z.string(),
  jobId: z.string().nullable(),
  vertexId: z.string().nullable(),
  subtaskIndex: z.number().int().nullable(),
  /** The whole JSON line as logged (cut at the store's line limit). */
  line: z.string(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const LogsQueryInputSchema = z.object({
  /** The instance whose logs to read; this one when absent. Another is asked through its API. */
  instanceId: z.string().min(1).max(128).optional(),
  jobId: JobIdSchema.optional(),
  /** Lines at this level or above. */
  level: LogLevelSchema.optional(),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  /** A substring of the line, case-insensitive. */
  text: z.string().max(200).optional(),
  /** Lines older than this seq (the previous page's `before` cursor), for paging back. */
  beforeSeq: z.number().int().positive().optional(),
  /** Lines newer than this seq (the previous answer's `after` cursor), for following live. */
  afterSeq: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type LogsQueryInput = z.infer<typeof LogsQueryInputSchema>;

export const LogsPageSchema = z.object({
  /** The instance that answered. */
  instanceId: z.string(),
  /** Newest first. */
  lines: z.array(LogLineSchema),
  /** Pass as `beforeSeq` for the next older page; null when there are no older lines. */
  before: z.number().int().positive().nullable(),
  /** Pass as `afterSeq` to get only lines newer than these. */
  after: z.number().int().nonnegative(),
});
export type LogsPage = z.infer<typeof LogsPageSchema>;
