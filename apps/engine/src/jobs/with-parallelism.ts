import { type JobSpec, JobSpecSchema } from '@weir/contract';
import { z } from 'zod';
import { invalidArgument } from '../errors/weir-error.js';

/**
 * The spec at a new parallelism: the job's default changes, operators named in `perOperator`
 * get theirs, and operators that pinned their own parallelism (a single-writer sink, say)
 * keep it. Validated again, so a parallelism above maxParallelism is refused here.
 */
export function withParallelism(
  spec: JobSpec,
  parallelism?: number,
  perOperator: Record<string, number> = {},
): JobSpec {
  // A Map, not lookups on the object: a uid such as "constructor" must not find a prototype's.
  const requested = new Map(Object.entries(perOperator));
  const unknown = [...requested.keys()].filter(
    (uid) => !spec.operators.some((op) => op.uid === uid),
  );
  if (unknown.length > 0)
    throw invalidArgument(
      `no operator ${unknown.map((u) => `"${u}"`).join(', ')} in job ${spec.id}`,
    );
  const parsed = JobSpecSchema.safeParse({
    ...spec,
    parallelism: parallelism ?? spec.parallelism,
    operators: spec.operators.map((op) =>
      requested.has(op.uid) ? { ...op, parallelism: requested.get(op.uid) } : op,
    ),
  });
  if (!parsed.success)
    throw invalidArgument(`parallelism refused: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
