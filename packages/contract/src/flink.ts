import { z } from 'zod';

// What a Flink cluster reports that Weir's own shapes have no place for (issue 18). Additive:
// embedded clusters never set these.

/** A Flink cluster as its `/overview` and `/jobmanager/config` describe it. */
export const FlinkClusterInfoSchema = z.object({
  /** e.g. "2.3.0", from `/overview`. */
  version: z.string(),
  revision: z.string().nullable(),
  restUrl: z.string(),
  taskManagers: z.number().int().nonnegative(),
  slotsTotal: z.number().int().nonnegative(),
  slotsAvailable: z.number().int().nonnegative(),
  /** `jobmanager.scheduler` ("adaptive" allows rescaling in place); null when not configured. */
  scheduler: z.string().nullable(),
  jobs: z.object({
    running: z.number().int().nonnegative(),
    finished: z.number().int().nonnegative(),
    cancelled: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
  }),
});
export type FlinkClusterInfo = z.infer<typeof FlinkClusterInfoSchema>;
