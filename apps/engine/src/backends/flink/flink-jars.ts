import type { FlinkRestClient } from './flink-rest-client.js';
import { JarRunSchema, JarUploadSchema } from './flink-schemas.js';

/** Uploads a job jar (`POST /jars/upload`, multipart field `jarfile`); returns its jar id. */
export async function uploadJar(
  client: FlinkRestClient,
  jar: Uint8Array<ArrayBuffer>,
  fileName: string,
): Promise<string> {
  const form = new FormData();
  form.append('jarfile', new Blob([jar], { type: 'application/java-archive' }), fileName);
  const { filename } = await client.post('/jars/upload', { form }, JarUploadSchema);
  // Flink answers with the stored file's path; the id is its last segment.
  return filename.slice(filename.lastIndexOf('/') + 1);
}

export interface RunJarRequest {
  entryClass: string;
  args: string[];
  /** Always sent: without it Flink runs the job at parallelism 1, whatever the cluster default. */
  parallelism: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
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
        entryClass: request.entryClass,
        programArgsList: request.args,
        parallelism: request.parallelism,
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
