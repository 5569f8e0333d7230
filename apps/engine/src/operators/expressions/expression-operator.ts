import { StatelessOperator } from '../stateless-operator.js';
import { type Expression, firstLine } from './expression.js';

/** What `evaluate` returns for a record it sent to the dead letters. */
export const FAILED = Symbol('expression failed');

/** An operator driven by one expression; a record whose evaluation throws is a dead letter. */
export abstract class ExpressionOperator extends StatelessOperator {
  constructor(
    private readonly expression: Expression,
    /** Names the operator in dead-letter reasons. */
    protected readonly label: string,
  ) {
    super();
  }

  protected evaluate(value: unknown): unknown {
    try {
      return this.expression.evaluate(value);
    } catch (error) {
      this.ctx.deadLetter(value, `${this.label} expression failed: ${firstLine(error)}`);
      return FAILED;
    }
  }
}
