import { z } from 'zod';

// Flink REST responses, as far as Weir reads them. Every object is loose (unknown keys kept) and
// every field Weir can do without is optional: Flink adds fields between releases (2.3 added
// `applicationId`), and 1.20 lacks some of 2.x's. Checked against 2.3.0 (fixtures/) and 1.20.5
// (flink-1-20.int.test.ts).

const epochMs = z.number();

/** `GET /overview`. */
export const OverviewSchema = z.looseObject({
  taskmanagers: z.number().int(),
  'slots-total': z.number().int(),
  'slots-available': z.number().int(),
  'jobs-running': z.number().int(),
  'jobs-finished': z.number().int(),
  'jobs-cancelled': z.number().int(),
  'jobs-failed': z.number().int(),
  'flink-version': z.string(),
  'flink-commit': z.string().optional(),
});
export type FlinkOverview = z.infer<typeof OverviewSchema>;

/** `GET /jobmanager/config`: the effective cluster configuration. */
export const ConfigEntriesSchema = z.array(z.looseObject({ key: z.string(), value: z.string() }));

/** One job of `GET /jobs/overview`. */
export const JobOverviewSchema = z.looseObject({
  jid: z.string(),
  name: z.string(),
  state: z.string(),
  'start-time': epochMs,
  'end-time': epochMs.optional(),
  /** Both 2.x only. */
  jobType: z.string().optional(),
  schedulerType: z.string().optional(),
});
export type FlinkJobOverview = z.infer<typeof JobOverviewSchema>;

export const JobsOverviewSchema = z.looseObject({ jobs: z.array(JobOverviewSchema) });

/** One entry of `GET /jobs/:id` `vertices`. */
export const JobVertexSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  parallelism: z.number().int(),
  maxParallelism: z.number().int().optional(),
  status: z.string(),
});
export type FlinkJobVertex = z.infer<typeof JobVertexSchema>;

/** One node of the job plan; `inputs` are its incoming edges. */
export const PlanNodeSchema = z.looseObject({
  id: z.string(),
  parallelism: z.number().int().optional(),
  description: z.string().optional(),
  inputs: z
    .array(
      z.looseObject({
        id: z.string(),
        ship_strategy: z.string(),
        exchange: z.string().optional(),
        num: z.number().int().optional(),
      }),
    )
    .optional(),
});
export type FlinkPlanNode = z.infer<typeof PlanNodeSchema>;

/** A job graph as Flink plans it: in a job's details, and what a jar's program would run. */
export const JobPlanSchema = z.looseObject({
  name: z.string().optional(),
  nodes: z.array(PlanNodeSchema),
});
export type FlinkPlan = z.infer<typeof JobPlanSchema>;

/** `GET /jobs/:id`. */
export const JobDetailsSchema = z.looseObject({
  jid: z.string(),
  name: z.string(),
  state: z.string(),
  'start-time': epochMs,
  'end-time': epochMs.optional(),
  'job-type': z.string().optional(),
  /**
   * "Adaptive", "Default", ...; 2.x only. Flink 1.20 does not say: a streaming job runs under
   * the cluster's `jobmanager.scheduler` (`/jobmanager/config`).
   */
  schedulerType: z.string().optional(),
  /** -1 when the job does not set one (each vertex then has its own). */
  maxParallelism: z.number().int().optional(),
  vertices: z.array(JobVertexSchema),
  plan: JobPlanSchema.optional(),
});
export type FlinkJobDetails = z.infer<typeof JobDetailsSchema>;

/** One checkpoint or savepoint in `GET /jobs/:id/checkpoints` and `.../details/:cid`. */
export const CheckpointEntrySchema = z.looseObject({
  id: z.number().int(),
  /** IN_PROGRESS, COMPLETED or FAILED. */
  status: z.string(),
  is_savepoint: z.boolean(),
  trigger_timestamp: epochMs,
  latest_ack_timestamp: epochMs.optional(),
  checkpointed_size: z.number().optional(),
  state_size: z.number().optional(),
  end_to_end_duration: z.number().optional(),
  external_path: z.string().nullish(),
  discarded: z.boolean().optional(),
  failure_message: z.string().nullish(),
  failure_timestamp: epochMs.optional(),
  num_subtasks: z.number().int().optional(),
  num_acknowledged_subtasks: z.number().int().optional(),
  /** Per vertex id (details only; empty in the history). */
  tasks: z
    .record(z.string(), z.looseObject({ num_subtasks: z.number().int().optional() }))
    .optional(),
});
export type FlinkCheckpointEntry = z.infer<typeof CheckpointEntrySchema>;

const RestoredSchema = z.looseObject({
  id: z.number().int(),
  restore_timestamp: epochMs.optional(),
  is_savepoint: z.boolean().optional(),
  external_path: z.string().nullish(),
});

/** `GET /jobs/:id/checkpoints`: counts, the latest of each kind, the newest few. */
export const CheckpointingStatsSchema = z.looseObject({
  counts: z.looseObject({
    restored: z.number().int().optional(),
    total: z.number().int().optional(),
    in_progress: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
  }),
  latest: z
    .looseObject({
      completed: CheckpointEntrySchema.nullish(),
      savepoint: CheckpointEntrySchema.nullish(),
      failed: CheckpointEntrySchema.nullish(),
      restored: RestoredSchema.nullish(),
    })
    .optional(),
  history: z.array(CheckpointEntrySchema).default([]),
});
export type FlinkCheckpointingStats = z.infer<typeof CheckpointingStatsSchema>;

/** `GET /jobs/:id/checkpoints/details/:cid/subtasks/:vid`: one vertex's subtasks. */
export const CheckpointSubtasksSchema = z.looseObject({
  id: z.number().int(),
  status: z.string(),
  subtasks: z.array(
    z.looseObject({
      index: z.number().int(),
      status: z.string(),
      ack_timestamp: epochMs.optional(),
      end_to_end_duration: z.number().optional(),
      checkpoint: z
        .looseObject({ sync: z.number().optional(), async: z.number().optional() })
        .optional(),
      alignment: z.looseObject({ duration: z.number().optional() }).optional(),
    }),
  ),
});
export type FlinkCheckpointSubtasks = z.infer<typeof CheckpointSubtasksSchema>;

const ExceptionFields = {
  exceptionName: z.string(),
  stacktrace: z.string(),
  timestamp: epochMs,
  /** e.g. "parse (2/2)#0"; absent for failures of the whole job. */
  taskName: z.string().nullish(),
  endpoint: z.string().nullish(),
  taskManagerId: z.string().nullish(),
};

/** One entry of `GET /jobs/:id/exceptions` `exceptionHistory.entries`. */
export const ExceptionEntrySchema = z.looseObject({
  ...ExceptionFields,
  concurrentExceptions: z.array(z.looseObject(ExceptionFields)).optional(),
});
export type FlinkExceptionEntry = z.infer<typeof ExceptionEntrySchema>;

export const ExceptionsSchema = z.looseObject({
  exceptionHistory: z.looseObject({
    entries: z.array(ExceptionEntrySchema),
    truncated: z.boolean().optional(),
  }),
});

/** `GET /jobs/:id/metrics?get=a,b`: values are strings. */
export const MetricValuesSchema = z.array(z.looseObject({ id: z.string(), value: z.string() }));

/** Every error answer: the messages, often whole Java stack traces. */
export const ErrorBodySchema = z.looseObject({ errors: z.array(z.string()) });

/** `POST /jars/upload`. */
export const JarUploadSchema = z.looseObject({ filename: z.string(), status: z.string() });

/** `POST /jars/:id/plan`: the job graph the jar's `main()` builds, without running it. */
export const JarPlanInfoSchema = z.looseObject({ plan: JobPlanSchema });

/** `POST /jars/:id/run`. */
export const JarRunSchema = z.looseObject({ jobid: z.string() });

/** `GET /jars`: the uploaded jars and the entry classes Flink found in each. */
export const JarListSchema = z.looseObject({
  files: z.array(
    z.looseObject({
      /** The jar id `/jars/:id/run` takes. */
      id: z.string(),
      /** The file name it was uploaded under. */
      name: z.string(),
      uploaded: epochMs,
      entry: z.array(z.looseObject({ name: z.string() })).default([]),
    }),
  ),
});
export type FlinkJarList = z.infer<typeof JarListSchema>;

/** `GET /jobs/:id/config`: the job's global parameters are in `user-config`. */
export const JobConfigSchema = z.looseObject({
  'execution-config': z
    .looseObject({ 'user-config': z.record(z.string(), z.string()).optional() })
    .optional(),
});

/** `GET /jobs/:id/status`: asked of the JobManager at once, not cached like `/jobs/:id`. */
export const JobStateSchema = z.looseObject({ status: z.string() });

/** The answer of calls that start an asynchronous operation (savepoint, stop, disposal). */
export const TriggerSchema = z.looseObject({ 'request-id': z.string() });

/** A Java exception as Flink serialises it into an answer. */
const FailureCauseSchema = z.looseObject({
  class: z.string().optional(),
  'stack-trace': z.string().optional(),
});
export type FlinkFailureCause = z.infer<typeof FailureCauseSchema>;

/**
 * An asynchronous operation's state: IN_PROGRESS, then COMPLETED with the savepoint's
 * `location`, or COMPLETED with a `failure-cause` (a failure is "COMPLETED" too).
 */
export const AsyncOperationSchema = z.looseObject({
  status: z.looseObject({ id: z.string() }),
  operation: z
    .looseObject({
      location: z.string().nullish(),
      'failure-cause': FailureCauseSchema.nullish(),
    })
    .nullish(),
});
export type FlinkAsyncOperation = z.infer<typeof AsyncOperationSchema>;

/**
 * `GET /jobs/:id/execution-result`: once the job ended, why. A job that fails while it starts
 * (a savepoint that cannot be read) has nothing in its exception history, only this.
 */
export const ExecutionResultSchema = z.looseObject({
  status: z.looseObject({ id: z.string() }),
  'job-execution-result': z
    .looseObject({
      'application-status': z.string().optional(),
      'failure-cause': FailureCauseSchema.nullish(),
    })
    .nullish(),
});

/** `GET`/`PUT /jobs/:id/resource-requirements`: parallelism bounds per vertex id. */
export const ResourceRequirementsSchema = z.record(
  z.string(),
  z.looseObject({
    parallelism: z.looseObject({ lowerBound: z.number().int(), upperBound: z.number().int() }),
  }),
);
export type FlinkResourceRequirements = z.infer<typeof ResourceRequirementsSchema>;

/** An answer whose body Weir does not read (`{}`). */
export const AnySchema = z.unknown();
