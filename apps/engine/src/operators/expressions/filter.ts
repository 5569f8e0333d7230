import type { Expression } from './expression.js';
import { ExpressionOperator, FAILED } from './expression-operator.js';

/** Keeps the records for which the expression is true. */
export class FilterOperator extends ExpressionOperator {
  constructor(expression: Expression) {
    super(expression, 'filter');
  }

  processElement(value: unknown): void {
    const keep = this.evaluate(value);
    if (keep === true) this.ctx.output.emit(value);
    else if (keep !== false && keep !== FAILED)
      this.ctx.deadLetter(value, `filter expression returned ${typeof keep}, not a bool`);
  }
}
