import { notFound } from '../../errors/weir-error.js';

/** Flink job ids are 16 bytes in hex. */
const FLINK_JOB_ID = /^[0-9a-f]{32}$/;

/** `/jobs/<id>`; an id Flink could not have issued is unknown here, without asking. */
export function jobPath(jobId: string): string {
  if (!FLINK_JOB_ID.test(jobId)) throw notFound(`job ${jobId}`);
  return `/jobs/${jobId}`;
}
