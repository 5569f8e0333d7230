import { z } from 'zod';
import { ClusterIdSchema } from './cluster-id.js';
import { EdgeSchema, JobIdSchema, VertexSchema } from './job.js';
import { MAX_ROLLBACK_AFTER_MS } from './job-versions.js';

// Running a program on a Flink cluster from an uploaded jar (issue 18): upload, preview the
// job graph its main() builds, run it.

/** The one call whose request body may be larger than 1 MiB: it carries the jar. */
export const JAR_UPLOAD_PATH = 'jars.upload';
/**
 * The largest body of a jar upload, at the console and at the engine: a job jar bundles its
 * connectors and their libraries (tens of MiB), and the engine holds it in memory while it
 * passes it on to Flink.
 */
export const MAX_JAR_UPLOAD_BYTES = 256 * 1024 * 1024;

/**
 * A name Flink can store an upload under (`<uuid>_<file name>`) and a URL can carry: no folders,
 * no control characters.
 */
const PLAIN_NAME = /^[^/\\\p{Cc}]+$/u;

// `z.custom<File>` rather than `z.instanceof(File)`: the emitted declarations then name the
// global `File` and `FormData` (the browser's in the console, Node's in the engine) instead of
// Node's module classes, which the console's browser types would not accept.

/** The uploaded file, as the form carries it. */
export const JarFileSchema = z
  .custom<File>((value) => value instanceof File, 'the jar file to upload')
  .refine((file) => /\.jar$/i.test(file.name), 'the file name must end in .jar')
  .refine(
    (file) => file.name.length <= 200 && PLAIN_NAME.test(file.name),
    'a file name of at most 200 characters, without slashes or control characters',
  )
  .refine((file) => file.size > 0, 'the file is empty')
  .refine(
    (file) => file.size <= MAX_JAR_UPLOAD_BYTES,
    `at most ${MAX_JAR_UPLOAD_BYTES / (1024 * 1024)} MiB`,
  );

/** The upload's form fields: the cluster to upload to, and the jar. */
export const JarUploadFieldsSchema = z.object({ cluster: ClusterIdSchema, jar: JarFileSchema });

/**
 * `jars.upload`'s input: multipart form data (tRPC's FormData input), checked field by field so
 * that a refusal names the field. A field sent twice counts once, the last one.
 */
export const JarUploadInputSchema = z
  .custom<FormData>(
    (value) => value instanceof FormData,
    'multipart form data with the fields cluster and jar',
  )
  .transform((form): Record<string, unknown> => Object.fromEntries(form.entries()))
  .pipe(JarUploadFieldsSchema);

/** A jar as Flink lists it: the id `/jars/:id/run` takes. */
export const JarIdSchema = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (id) => PLAIN_NAME.test(id) && /\.jar$/i.test(id),
    'a jar id as jars.upload answered it (…_name.jar)',
  );

/** A Java class with a `main()`, fully qualified (`com.example.MyJob`, `com.example.Outer$Job`). */
export const EntryClassSchema = z
  .string()
  .max(500)
  .regex(
    /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u,
    'a fully qualified Java class name, e.g. com.example.MyJob',
  );

/** Flink's highest parallelism (its largest number of key groups). */
const MAX_PARALLELISM = 32_768;

/** What to run of an uploaded jar, and how: the input of `jars.plan` and `jars.run`. */
export const JarRunInputSchema = z.object({
  cluster: ClusterIdSchema,
  jarId: JarIdSchema,
  /** Absent: the entry class the jar's manifest names, when it names exactly one. */
  entryClass: EntryClassSchema.optional(),
  /** The program's arguments, one element each (no shell splitting). */
  args: z.array(z.string().max(65_536)).max(1000).default([]),
  parallelism: z.number().int().min(1).max(MAX_PARALLELISM),
});
export type JarRunInput = z.infer<typeof JarRunInputSchema>;

/**
 * `jars.upgrade`: a Flink job to a new program (a newly uploaded jar, other arguments, another
 * parallelism) with its state: stop with a savepoint, run the program from it, and unless
 * `rollbackAfterMs` is 0, run the previous program again from the same savepoint if the new
 * one does not run and complete a checkpoint in time. Flink gives each run a new job id.
 */
export const JarUpgradeInputSchema = z.object({
  cluster: ClusterIdSchema,
  jobId: JobIdSchema,
  jarId: JarIdSchema,
  entryClass: EntryClassSchema.optional(),
  args: z.array(z.string().max(65_536)).max(1000).default([]),
  /** Absent: the job's current parallelism. */
  parallelism: z.number().int().min(1).max(MAX_PARALLELISM).optional(),
  allowNonRestoredState: z.boolean().default(false),
  rollbackAfterMs: z.number().int().min(0).max(MAX_ROLLBACK_AFTER_MS).default(120_000),
});
export type JarUpgradeInput = z.infer<typeof JarUpgradeInputSchema>;

/** `jars.upload`'s answer. */
export const UploadedJarSchema = z.object({
  jarId: JarIdSchema,
  fileName: z.string(),
  /** The classes the jar's manifest names to run (`Main-Class`, `program-class`). */
  entryClasses: z.array(z.string()),
});
export type UploadedJar = z.infer<typeof UploadedJarSchema>;

/** A vertex of a job graph not running yet: as a running job's, without metrics. */
export const PlannedVertexSchema = VertexSchema.pick({
  id: true,
  name: true,
  role: true,
  operators: true,
  parallelism: true,
});
export type PlannedVertex = z.infer<typeof PlannedVertexSchema>;

/**
 * The job graph a job would run, before anything runs: what a jar's `main()` builds as Flink
 * plans it, or a Weir spec as the embedded engine plans it (chains and all).
 */
export const JobPlanSchema = z.object({
  /** The job's name as the program or spec gives it; null where Flink does not say. */
  jobName: z.string().nullable(),
  vertices: z.array(PlannedVertexSchema),
  edges: z.array(EdgeSchema),
});
export type JobPlan = z.infer<typeof JobPlanSchema>;

/** `jars.run`'s answer: the job now running on the cluster. */
export const JarRunResultSchema = z.object({ jobId: JobIdSchema });
