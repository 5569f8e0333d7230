import { readFile } from 'node:fs/promises';
import { type JobSpec, JobSpecSchema } from '@weir/contract';
import { z } from 'zod';

/** Reads a JobSpec JSON file; a bad spec fails start with the offending path and field. */
export async function loadJobSpecFile(file: string): Promise<JobSpec> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`job spec ${file}: ${(error as Error).message}`);
  }
  const parsed = JobSpecSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`job spec ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
