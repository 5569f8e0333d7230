import type { Expression } from './expression.js';
import { ExpressionOperator, FAILED } from './expression-operator.js';

/** Replaces each record with what the expression computes from it. */
export class MapOperator extends ExpressionOperator {
  constructor(expression: Expression) {
    super(expression, 'map');
  }

  processElement(value: unknown): void {
    const result = this.evaluate(value);
    if (result !== FAILED) this.ctx.output.emit(result);
  }
}
