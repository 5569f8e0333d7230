import { TRPCClientError } from '@trpc/client';
import type { InputProblem } from '@weir/contract';

/**
 * The field an engine refusal is about, where the input's schema could not tell (a URL where
 * no Flink answers, a name taken): the engine starts such messages with the field's name
 * ("restUrl: no Flink cluster answered at …"). Null for any other error.
 */
export function refusedField(error: unknown, fields: readonly string[]): InputProblem | null {
  if (!(error instanceof TRPCClientError)) return null;
  const split = error.message.indexOf(': ');
  const field = error.message.slice(0, split);
  if (split < 0 || !fields.includes(field)) return null;
  return { field, message: error.message.slice(split + 2) };
}
