import { z } from 'zod';

/**
 * The catalogue of built-in operators: one entry per kind with its config schema. State is
 * matched to operators by `uid` (like Flink's uid), so it survives edits to the graph.
 */
export const UidSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, "_" and "-"');

export const DatagenConfigSchema = z.object({
  seed: z.number().int(),
  /** Records per second of wall-clock time and of event time. */
  ratePerSecond: z.number().positive(),
  /** false: emit as fast as possible (benchmarks, tests); event time still advances by rate. */
  throttle: z.boolean().default(true),
  /** Stop after this many records (the job then FINISHES); absent = unbounded. */
  count: z.number().int().positive().optional(),
  users: z.number().int().positive().default(1000),
  pages: z.number().int().positive().default(50),
  /** Share of records deliberately malformed, to exercise the dead-letter path. */
  malformedRatio: z.number().min(0).max(1).default(0),
  maxOutOfOrdernessMs: z.number().int().nonnegative().default(2000),
  /** Event time of record 0; absent = the time the job first started (kept in state). */
  startTime: z.number().int().optional(),
});
export type DatagenConfig = z.infer<typeof DatagenConfigSchema>;

export const OperatorSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('datagen'),
    config: DatagenConfigSchema,
  }),
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('parse-json'),
    config: z
      .object({ requiredFields: z.array(z.string()).default([]) })
      .default({ requiredFields: [] }),
  }),
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('tumbling-count'),
    config: z.object({
      keyField: z.string(),
      timeField: z.string(),
      sizeMs: z.number().int().positive(),
    }),
  }),
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('blackhole'),
    config: z.object({}).default({}),
  }),
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('recent-results'),
    config: z
      .object({ capacity: z.number().int().positive().max(100_000).default(500) })
      .default({ capacity: 500 }),
  }),
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    kind: z.literal('file-sink'),
    config: z.object({ path: z.string().min(1) }),
  }),
]);
export type OperatorSpec = z.infer<typeof OperatorSpecSchema>;
export type OperatorKind = OperatorSpec['kind'];
