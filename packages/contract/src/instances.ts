import { z } from 'zod';
import { JobIdSchema } from './job.js';

/** The instance to ask; the one answering when absent. Another is asked through its API. */
const InstanceIdSchema = z.string().min(1).max(128).optional();

export const InstanceResourcesInputSchema = z.object({
  instanceId: InstanceIdSchema,
  /** How far back, up to the hour each instance keeps. */
  windowMinutes: z.number().int().min(1).max(60).default(60),
  /** The most points per series: older samples are merged into this many (charts need no more). */
  points: z.number().int().min(10).max(720).default(120),
});
export type InstanceResourcesInput = z.infer<typeof InstanceResourcesInputSchema>;

const ratio = z.number().nonnegative();
const bytes = z.number().nonnegative();

/** Event-loop delay over the interval, in milliseconds. */
export const EventLoopDelaySchema = z.object({ p50: ratio, p99: ratio, max: ratio });

/** One thread over one sampling interval (or several merged). */
export const ThreadSampleSchema = z.object({
  /** End of the interval (Unix milliseconds). */
  at: z.number().int(),
  /** CPU time the thread used per second of the interval (1 = one core); null where unknown. */
  cpu: ratio.nullable(),
  /** Share of the interval the thread's event loop was not idle. */
  eventLoopUtilization: ratio,
  heapUsedBytes: bytes,
  heapTotalBytes: bytes,
  eventLoopDelayMs: EventLoopDelaySchema,
  /** Time spent in garbage collection pauses during the interval, and their count. */
  gcPauseMs: ratio,
  gcCount: z.number().int().nonnegative(),
});
export type ThreadSample = z.infer<typeof ThreadSampleSchema>;

/** The whole process (every thread) over one interval. */
export const ProcessSampleSchema = z.object({
  at: z.number().int(),
  /** CPU time of all threads per second (may exceed 1 with busy workers). */
  cpu: ratio,
  rssBytes: bytes,
  /** Memory of C++ objects bound to JavaScript ones (buffers), all threads. */
  externalBytes: bytes,
  workerThreads: z.number().int().nonnegative(),
});
export type ProcessSample = z.infer<typeof ProcessSampleSchema>;

export const ThreadSubtaskSchema = z.object({
  vertexId: z.string(),
  subtaskIndex: z.number().int().nonnegative(),
});

export const ThreadResourcesSchema = z.object({
  /** Node's thread id, unique in the process: 0 for the main thread. What a profile names. */
  threadId: z.number().int().nonnegative(),
  /** `main`, or the worker's slot (`slot 2`). */
  name: z.string(),
  kind: z.enum(['main', 'worker']),
  /** The job a worker runs a slot of; null for the main thread. */
  jobId: JobIdSchema.nullable(),
  slot: z.number().int().nonnegative().nullable(),
  /** The subtasks the worker runs (subtask i of each vertex in slot i). */
  subtasks: z.array(ThreadSubtaskSchema),
  /** Oldest first. */
  samples: z.array(ThreadSampleSchema),
});
export type ThreadResources = z.infer<typeof ThreadResourcesSchema>;

export const InstanceResourcesSchema = z.object({
  /** The instance that answered. */
  instanceId: z.string(),
  sampleIntervalMs: z.number().int().positive(),
  /** Oldest first. */
  process: z.array(ProcessSampleSchema),
  /** The main thread first, then live workers by job and slot. */
  threads: z.array(ThreadResourcesSchema),
});
export type InstanceResources = z.infer<typeof InstanceResourcesSchema>;
