import { z } from 'zod';
import { KafkaConnectionSchema } from './kafka-connection.js';

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
  /** Records per second of wall-clock time and of event time, for the whole source. */
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
  /**
   * Split s produces records s, s + splits, s + 2·splits, ...; splits are dealt to subtasks,
   * so this bounds the source's useful parallelism. Fixed for the life of the job's state.
   */
  splits: z.number().int().positive().max(1024).default(4),
});
export type DatagenConfig = z.infer<typeof DatagenConfigSchema>;

/** A CEL expression over the variable `record` (https://cel.dev). */
const ExpressionSchema = z.string().min(1).max(4096);

export const WindowAssignerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tumbling'), sizeMs: z.number().int().positive() }),
  z
    .object({
      kind: z.literal('sliding'),
      sizeMs: z.number().int().positive(),
      slideMs: z.number().int().positive(),
    })
    .refine((w) => w.slideMs <= w.sizeMs, { message: 'slideMs must not exceed sizeMs' }),
  z.object({ kind: z.literal('session'), gapMs: z.number().int().positive() }),
]);
export type WindowAssigner = z.infer<typeof WindowAssignerSchema>;

export const AggregateKindSchema = z.enum(['count', 'sum', 'min', 'max', 'avg', 'distinct-count']);
export type AggregateKind = z.infer<typeof AggregateKindSchema>;

export const AggregateSpecSchema = z
  .object({ kind: AggregateKindSchema, field: z.string().min(1).optional() })
  .refine((a) => a.kind === 'count' || a.field !== undefined, {
    message: 'this aggregate needs a field',
    path: ['field'],
  });
export type AggregateSpec = z.infer<typeof AggregateSpecSchema>;

export const WindowConfigSchema = z.object({
  /** Key to group by when no hash edge delivers one (the edge's key wins when present). */
  keyField: z.string().min(1).optional(),
  /** Event time in epoch milliseconds. */
  timeField: z.string().min(1),
  window: WindowAssignerSchema,
  aggregate: AggregateSpecSchema.prefault({ kind: 'count' }),
  /** Fired windows keep state this long past their end; late records update and re-emit. */
  allowedLatenessMs: z.number().int().nonnegative().default(0),
});
export type WindowConfig = z.infer<typeof WindowConfigSchema>;

export const DedupeConfigSchema = z.object({
  keyField: z.string().min(1).optional(),
  /** A repeat of a key within this long of its first record is dropped. */
  ttlMs: z.number().int().positive(),
  /** Event time when set (expiry follows the watermark); processing time otherwise. */
  timeField: z.string().min(1).optional(),
});
export type DedupeConfig = z.infer<typeof DedupeConfigSchema>;

export const IntervalJoinConfigSchema = z
  .object({
    leftKeyField: z.string().min(1).optional(),
    rightKeyField: z.string().min(1).optional(),
    leftTimeField: z.string().min(1),
    rightTimeField: z.string().min(1),
    /** Joins left l with right r when l.time + lowerBoundMs <= r.time <= l.time + upperBoundMs. */
    lowerBoundMs: z.number().int(),
    upperBoundMs: z.number().int(),
  })
  .refine((c) => c.lowerBoundMs <= c.upperBoundMs, {
    message: 'lowerBoundMs must not exceed upperBoundMs',
    path: ['lowerBoundMs'],
  });
export type IntervalJoinConfig = z.infer<typeof IntervalJoinConfigSchema>;

export const LogSinkConfigSchema = z.object({
  level: z.enum(['debug', 'info', 'warn']).default('info'),
  /** Records logged per second at most; the rest are counted in a "suppressed" line. */
  maxPerSecond: z.number().int().positive().max(10_000).default(10),
});

/** Kafka's legal topic names. */
const KafkaTopicSchema = z
  .string()
  .min(1)
  .max(249)
  .regex(/^[a-zA-Z0-9._-]+$/, 'a Kafka topic name: letters, digits, ".", "_" and "-"');

const isRegExp = (pattern: string) => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads Kafka topics. Weir decides which subtask reads which partition and keeps the offsets
 * in checkpoint state, so a restore resumes exactly where the checkpoint was. Each record is
 * emitted as `{ value, key, topic, partition, offset, timestamp, headers }`: `value` is the
 * parsed JSON (format "json") or the text (format "string"), `key` the key as text or null,
 * `timestamp` the record's timestamp in epoch ms, `headers` each header's last value as text.
 * Expressions reach them as `record.value.user`, `record.headers["trace"]`, `record.offset`.
 */
export const KafkaSourceConfigSchema = z
  .object({
    connection: KafkaConnectionSchema,
    /** The topics to read; or `topicPattern`, a regular expression topic names must match. */
    topics: z.array(KafkaTopicSchema).min(1).max(1000).optional(),
    topicPattern: z.string().min(1).max(1024).refine(isRegExp, 'a regular expression').optional(),
    /**
     * Where a partition without checkpointed offset starts: used only when the job starts
     * without state (partitions discovered later always start at the earliest offset).
     * "group-offsets": the offsets committed to `group` (earliest where there are none).
     */
    startFrom: z
      .union([
        z.enum(['earliest', 'latest', 'group-offsets']),
        z.object({ timestamp: z.number().int().nonnegative() }),
      ])
      .default('earliest'),
    /**
     * Consumer group the checkpointed offsets are committed to once the checkpoint completes,
     * so external lag tools see the job; never read back, except by startFrom "group-offsets".
     * Absent: nothing is committed.
     */
    group: z.string().min(1).max(255).optional(),
    format: z.enum(['json', 'string']).default('json'),
    /** Event time: the record's timestamp, or a field of the JSON value (epoch ms). */
    eventTime: z
      .union([z.literal('record-timestamp'), z.object({ field: z.string().min(1) })])
      .default('record-timestamp'),
    maxOutOfOrdernessMs: z.number().int().nonnegative().default(0),
    /**
     * A partition with no record for this long stops holding back the watermark until its
     * next record. Absent: partitions are never idle. (A subtask whose partitions are all
     * quiet is marked idle by the job's `sourceIdleTimeoutMs`.)
     */
    idleTimeoutMs: z.number().int().positive().optional(),
    /** How often to look for new partitions and topics; new ones start at their earliest offset. */
    partitionDiscoveryIntervalMs: z.number().int().min(100).default(30_000),
  })
  .superRefine((config, ctx) => {
    if ((config.topics === undefined) === (config.topicPattern === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['topics'],
        message: 'give either topics or topicPattern, not both',
      });
    if (config.startFrom === 'group-offsets' && config.group === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['group'],
        message: 'startFrom "group-offsets" needs a group',
      });
    if (typeof config.eventTime === 'object' && config.format !== 'json')
      ctx.addIssue({
        code: 'custom',
        path: ['eventTime'],
        message: 'event time from a field needs format "json"',
      });
  });
export type KafkaSourceConfig = z.infer<typeof KafkaSourceConfigSchema>;

/** What a Kafka sink promises about each record: see "Sinks and their guarantees" in the README. */
export const KafkaDeliverySchema = z.enum(['none', 'at-least-once', 'exactly-once']);
export type KafkaDelivery = z.infer<typeof KafkaDeliverySchema>;

export const KafkaSinkConfigSchema = z.object({
  connection: KafkaConnectionSchema,
  topic: KafkaTopicSchema,
  delivery: KafkaDeliverySchema.default('exactly-once'),
  /**
   * The record key: a field's value (Kafka's default partitioner then hashes it, so one key
   * always lands in one partition), none with partitions taken in turn, or none with the
   * client library's own choice of partition.
   */
  key: z
    .union([z.object({ field: z.string().min(1) }), z.enum(['round-robin', 'default'])])
    .default('default'),
  /** json: each record as JSON; string: records that are strings, as they are. */
  format: z.enum(['json', 'string']).default('json'),
  /**
   * Exactly-once only: how long the broker lets one of the sink's transactions stay open. It
   * must cover the checkpoint interval plus a failover (checked when the job is submitted) and
   * stay within the broker's transaction.max.timeout.ms (15 minutes unless configured).
   */
  transactionTimeoutMs: z.number().int().positive().max(3_600_000).default(300_000),
  /** Records the sink cannot serialise go here as well as to the job's dead letters. */
  deadLetterTopic: KafkaTopicSchema.optional(),
});
export type KafkaSinkConfig = z.infer<typeof KafkaSinkConfigSchema>;

/** Subtasks of an operator; absent = the job's parallelism. */
const ParallelismSchema = z.number().int().positive().optional();

const operator = <
  K extends string,
  C extends z.ZodType,
  P extends z.ZodType = typeof ParallelismSchema,
>(
  kind: K,
  config: C,
  parallelism: P = ParallelismSchema as unknown as P,
) =>
  z.object({
    uid: UidSchema,
    name: z.string().optional(),
    parallelism,
    kind: z.literal(kind),
    config,
  });

export const OperatorSpecSchema = z.discriminatedUnion('kind', [
  operator('datagen', DatagenConfigSchema),
  operator('kafka-source', KafkaSourceConfigSchema),
  operator(
    'parse-json',
    z.object({ requiredFields: z.array(z.string()).default([]) }).prefault({}),
  ),
  operator('map', z.object({ expression: ExpressionSchema })),
  operator('filter', z.object({ expression: ExpressionSchema })),
  operator('flat-map', z.object({ expression: ExpressionSchema })),
  operator(
    'project',
    z.object({
      /** Output field name -> expression computing it. */
      fields: z
        .record(z.string().min(1), ExpressionSchema)
        .refine((f) => Object.keys(f).length > 0, 'at least one field'),
    }),
  ),
  operator('window', WindowConfigSchema),
  /** The skeleton's keyed tumbling count; same as `window` with a count, without `value`. */
  operator(
    'tumbling-count',
    z.object({
      keyField: z.string(),
      timeField: z.string(),
      sizeMs: z.number().int().positive(),
    }),
  ),
  operator('dedupe', DedupeConfigSchema),
  operator('union', z.object({}).prefault({})),
  operator('interval-join', IntervalJoinConfigSchema),
  /** A user operator loaded from the configured operators folder, by its declared kind. */
  operator('custom', z.object({ module: z.string().min(1), config: z.unknown().optional() })),
  operator('blackhole', z.object({}).prefault({})),
  operator(
    'recent-results',
    z.object({ capacity: z.number().int().positive().max(100_000).default(500) }).prefault({}),
  ),
  /** One writer per file, so that a restore can cut the file back to what it committed. */
  operator(
    'file-sink',
    z.object({ path: z.string().min(1) }),
    z
      .literal(1, {
        error: 'a file sink is the only writer of its file: its parallelism must be 1',
      })
      .default(1),
  ),
  operator('log', LogSinkConfigSchema.prefault({})),
  operator('kafka-sink', KafkaSinkConfigSchema),
]);
export type OperatorSpec = z.infer<typeof OperatorSpecSchema>;
export type OperatorKind = OperatorSpec['kind'];

/** Operators that read from outside the job: they take no input edge. */
export const SOURCE_KINDS: ReadonlySet<OperatorKind> = new Set(['datagen', 'kafka-source']);
