import { z } from 'zod';
import { JobIdSchema } from './job.js';

/**
 * What a job's timeline records. `status`: a status change; `exception`: a failure with its
 * cause, or a recovery that fell back past a bad checkpoint (the exceptions tab lists these);
 * `checkpoint`: a failed checkpoint; `savepoint`: a savepoint taken, failed or disposed; `operation`: a
 * restore or rescale and how it ended; `leader`: an instance taking the job over; `action`: an
 * operator's call, linked to its audit row; `alert`: a rule firing or resolving for the job.
 */
export const JobEventKindSchema = z.enum([
  'status',
  'exception',
  'checkpoint',
  'savepoint',
  'operation',
  'leader',
  'action',
  'alert',
]);
export type JobEventKind = z.infer<typeof JobEventKindSchema>;

export const JobEventSchema = z.object({
  /** Increases in the order events were recorded: the timeline's order, also within a ms. */
  id: z.number().int(),
  at: z.string().datetime(),
  jobId: JobIdSchema,
  kind: JobEventKindSchema,
  message: z.string(),
  /** The engine instance that recorded it (the leader at the time). */
  instanceId: z.string(),
  /** Where an exception happened, when it concerns one subtask. */
  vertexId: z.string().nullable(),
  subtaskIndex: z.number().int().nullable(),
  /** An exception's stack, when there is one. */
  stack: z.string().nullable(),
  /** An action's audit row. */
  auditId: z.number().int().nullable(),
});
export type JobEvent = z.infer<typeof JobEventSchema>;

export const JobTimelineInputSchema = z.object({
  jobId: JobIdSchema,
  /** Only these kinds; all when absent. */
  kinds: z.array(JobEventKindSchema).max(JobEventKindSchema.options.length).optional(),
  /** Events older than this id (the previous page's last), for paging back. */
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type JobTimelineInput = z.infer<typeof JobTimelineInputSchema>;
