import { notFound } from '../../errors/weir-error.js';
import type { FlinkRestClient } from './flink-rest-client.js';
import {
  type FlinkJarList,
  type FlinkPlan,
  JarListSchema,
  JarPlanInfoSchema,
  JarRunSchema,
  JarUploadSchema,
} from './flink-schemas.js';

/**
 * How long an upload may take: a jar of a few hundred MiB needs far longer than the few seconds
 * any other call gets.
 */
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** Uploads a job jar (`POST /jars/upload`, multipart field `jarfile`); returns its jar id. */
export async function uploadJar(
  client: FlinkRestClient,
  jar: Uint8Array<ArrayBuffer> | Blob,
  fileName: string,
): Promise<string> {
  const form = new FormData();
  form.append('jarfile', new Blob([jar], { type: 'application/java-archive' }), fileName);
  const { filename } = await client.post('/jars/upload', { form }, JarUploadSchema, {
    timeoutMs: Math.max(client.timeoutMs, UPLOAD_TIMEOUT_MS),
  });
  // Flink answers with the stored file's path; the id is its last segment.
  return filename.slice(filename.lastIndexOf('/') + 1);
}

/** An uploaded jar as `GET /jars` lists it, with the entry classes of its manifest. */
export async function listedJar(
  client: FlinkRestClient,
  jarId: string,
): Promise<FlinkJarList['files'][number]> {
  const { files } = await client.get('/jars', JarListSchema);
  const jar = files.find((file) => file.id === jarId);
  if (!jar) throw notFound(`jar ${jarId} (upload it first)`);
  return jar;
}

/** Which program of a jar to run, and how: what `/jars/:id/plan` and `/jars/:id/run` take. */
export interface JarProgram {
  entryClass: string;
  args: string[];
  /** Always sent: without it Flink runs the job at parallelism 1, whatever the cluster default. */
  parallelism: number;
}

export interface RunJarRequest extends JarProgram {
  savepointPath?: string;
  allowNonRestoredState?: boolean;
}

const programBody = (program: JarProgram) => ({
  entryClass: program.entryClass,
  programArgsList: program.args,
  parallelism: program.parallelism,
});

/**
 * The job graph the jar's `main()` builds (`POST /jars/:id/plan`): Flink runs the program up to
 * its `execute()`, and runs no job.
 */
export async function planJar(
  client: FlinkRestClient,
  jarId: string,
  program: JarProgram,
): Promise<FlinkPlan> {
  const { plan } = await client.post(
    `/jars/${encodeURIComponent(jarId)}/plan`,
    { json: programBody(program) },
    JarPlanInfoSchema,
  );
  return plan;
}

/** Runs an uploaded jar's `main()` (`POST /jars/:id/run`); returns the new job's id. */
export async function runJar(
  client: FlinkRestClient,
  jarId: string,
  request: RunJarRequest,
): Promise<string> {
  const { jobid } = await client.post(
    `/jars/${encodeURIComponent(jarId)}/run`,
    {
      json: {
        ...programBody(request),
        ...(request.savepointPath !== undefined ? { savepointPath: request.savepointPath } : {}),
        ...(request.allowNonRestoredState !== undefined
          ? { allowNonRestoredState: request.allowNonRestoredState }
          : {}),
      },
    },
    JarRunSchema,
  );
  return jobid;
}
