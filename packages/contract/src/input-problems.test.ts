import { describe, expect, it } from 'vitest';
import { inputProblems } from './input-problems.js';
import { CreateUserInputSchema } from './users.js';

describe('inputProblems', () => {
  it('names each refused field by its path', () => {
    const problems = inputProblems(CreateUserInputSchema, {
      username: 'Bad Name',
      role: 'viewer',
      password: 'short',
    });
    expect(problems.map((p) => p.field)).toEqual(['username', 'password']);
  });

  it('finds nothing wrong with an input the API takes', () => {
    expect(inputProblems(CreateUserInputSchema, { username: 'ann', role: 'viewer' })).toEqual([]);
  });
});
