'use client';

import { type InputProblem, inputProblems } from '@weir/contract';
import { useState } from 'react';

type Schema = Parameters<typeof inputProblems>[0];

/**
 * A form's submit that checks the input with the API's own schema first: what the schema
 * refuses stays in `problems` (for FormProblems and the fields' aria-invalid) and nothing is
 * sent; an input it takes goes to `send`.
 */
export function useInputCheck<T>(schema: Schema, send: (input: T) => void) {
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const submit = (input: T) => {
    const found = inputProblems(schema, input);
    setProblems(found);
    if (found.length === 0) send(input);
  };
  const isInvalid = (field: string) => problems.some((p) => p.field === field);
  return { problems, submit, isInvalid };
}
