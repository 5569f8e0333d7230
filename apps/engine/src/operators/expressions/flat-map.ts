import type { Expression } from './expression.js';
import { ExpressionOperator, FAILED } from './expression-operator.js';

/** Emits every element of the list the expression computes (none for an empty list). */
export class FlatMapOperator extends ExpressionOperator {
  constructor(expression: Expression) {
    super(expression, 'flat-map');
  }

  processElement(value: unknown): void {
    const results = this.evaluate(value);
    if (results === FAILED) return;
    if (!Array.isArray(results)) {
      this.ctx.deadLetter(value, `flat-map expression returned ${typeof results}, not a list`);
      return;
    }
    for (let i = 0; i < results.length; i++) this.ctx.output.emit(results[i]);
  }
}
