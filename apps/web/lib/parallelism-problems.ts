import { type InputProblem, inputProblems, RescaleRequestSchema } from '@weir/contract';

/**
 * What is wrong with `parallelism` as a job's new one: the API's own rule (checked with the
 * rescale request's schema; a restore's is the same), and the job's key groups as the ceiling,
 * which only the job knows (null: its cluster reports none, and is left to refuse).
 */
export function parallelismProblems(
  job: { id: string; maxParallelism: number | null },
  parallelism: number,
): InputProblem[] {
  const problems = inputProblems(RescaleRequestSchema, { jobId: job.id, parallelism });
  if (job.maxParallelism !== null && parallelism > job.maxParallelism) {
    problems.push({
      field: 'parallelism',
      message: `at most ${job.maxParallelism}, the job's key groups`,
    });
  }
  return problems;
}
