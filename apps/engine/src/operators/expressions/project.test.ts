import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { Expression } from './expression.js';
import { ProjectOperator } from './project.js';

describe('ProjectOperator', () => {
  it('builds one field per expression and dead-letters a record whose field fails', () => {
    const h = new OperatorHarness(
      new ProjectOperator([
        ['who', new Expression('record.user')],
        ['second', new Expression('int(record.ts) / 1000')],
      ]),
    );
    h.operator.processElement({ user: 'a', ts: 12_345, page: '/x' });
    h.operator.processElement({ user: 'b' });
    expect(h.emitted).toEqual([{ who: 'a', second: 12 }]);
    expect(h.deadLetters[0]?.reason).toMatch(/^project field "second" failed/);
  });
});
