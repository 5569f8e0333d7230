import { z } from 'zod';

/** Longest CPU profile one call may take: the thread keeps running, sampled, meanwhile. */
export const MAX_PROFILE_SECONDS = 60;

export const ProfileInputSchema = z.object({
  /** The instance whose thread to profile; the one answering when absent. */
  instanceId: z.string().min(1).max(128).optional(),
  /** Node's thread id as `instances.resources` lists it: 0 is the main thread. */
  threadId: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 31),
  seconds: z.number().int().min(1).max(MAX_PROFILE_SECONDS),
});
export type ProfileInput = z.infer<typeof ProfileInputSchema>;

/** One function of the profile: call stacks are aggregated by function, file and line. */
export const FlameFrameSchema = z.object({
  functionName: z.string(),
  /** The script's URL or path; empty for V8's own entries such as `(garbage collector)`. */
  url: z.string(),
  /** 1-based; 0 where V8 gives none. */
  line: z.number().int().nonnegative(),
});
export type FlameFrame = z.infer<typeof FlameFrameSchema>;

export const FlameNodeSchema = z.object({
  /** Index into `frames`. */
  frame: z.number().int().nonnegative(),
  /** Index of the parent node; -1 for the root. */
  parent: z.number().int().min(-1),
  /** Samples taken while this call stack was on top, and while it was anywhere on the stack. */
  self: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type FlameNode = z.infer<typeof FlameNodeSchema>;

/**
 * A CPU profile as a flame graph needs it: one node per distinct call stack (by frame), parents
 * before their children, siblings heaviest first. Node 0 is the root; its total is every sample.
 */
export const FlameTreeSchema = z.object({
  frames: z.array(FlameFrameSchema),
  nodes: z.array(FlameNodeSchema),
  /** Microseconds between samples, on average. */
  sampleIntervalUs: z.number().nonnegative(),
});
export type FlameTree = z.infer<typeof FlameTreeSchema>;

export const CpuProfileResultSchema = z.object({
  instanceId: z.string(),
  threadId: z.number().int().nonnegative(),
  /** The thread's name as `instances.resources` shows it. */
  thread: z.string(),
  seconds: z.number().int().positive(),
  startedAt: z.string().datetime(),
  tree: FlameTreeSchema,
  /** V8's `.cpuprofile` JSON as taken: opens in Chrome DevTools or speedscope. */
  cpuprofile: z.string(),
});
export type CpuProfileResult = z.infer<typeof CpuProfileResultSchema>;
