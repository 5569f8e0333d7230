import { JobSpecSchema } from '@weir/contract';
import { z } from 'zod';

/**
 * The JobSpec schema as JSON Schema, for the spec editor's completion, hover and checks as
 * one types. Draft 4, the draft codemirror-json-schema validates with (json-schema-library's
 * Draft04). It describes what one may type (`io: 'input'`: fields with defaults are optional);
 * what it cannot express (unique uids, edges to known operators) the editor checks with zod.
 */
export function jobSpecJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(JobSpecSchema, {
    target: 'draft-04',
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // json-schema-library's own keyword: it picks an operator's branch of the union by its
      // `kind` (a restart strategy's by `type`) instead of reporting every branch's errors.
      const def = zodSchema._zod.def;
      if (def.type === 'union' && 'discriminator' in def)
        jsonSchema.oneOfProperty = def.discriminator;
    },
  });
}
