import { StatelessOperator } from '../stateless-operator.js';
import { type Expression, firstLine } from './expression.js';

/** Builds a new record with one field per expression, in the configured order. */
export class ProjectOperator extends StatelessOperator {
  private readonly names: string[];
  private readonly expressions: Expression[];

  constructor(fields: ReadonlyArray<[name: string, expression: Expression]>) {
    super();
    this.names = fields.map(([name]) => name);
    this.expressions = fields.map(([, expression]) => expression);
  }

  processElement(value: unknown): void {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < this.names.length; i++) {
      const expression = this.expressions[i] as Expression;
      try {
        out[this.names[i] as string] = expression.evaluate(value);
      } catch (error) {
        this.ctx.deadLetter(value, `project field "${this.names[i]}" failed: ${firstLine(error)}`);
        return;
      }
    }
    this.ctx.output.emit(out);
  }
}
