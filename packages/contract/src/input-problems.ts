import type { z } from 'zod';

/** One thing wrong with an API input, named by where it is. */
export interface InputProblem {
  /** The zod issue's path, dotted (`windowMs`, `vertexParallelism.count`); '' for the whole input. */
  field: string;
  message: string;
}

export function problemsOf(error: z.ZodError): InputProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * What the API would refuse in `input`, none when it would take it: the console checks a form
 * with the very schema the engine parses the call with, before sending it.
 */
export function inputProblems(schema: z.ZodType, input: unknown): InputProblem[] {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : problemsOf(parsed.error);
}
