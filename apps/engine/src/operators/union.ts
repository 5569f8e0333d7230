import { StatelessOperator } from './stateless-operator.js';

/**
 * Merges its inputs into one stream, record for record. Event time needs nothing here: the
 * runtime already hands every operator the minimum watermark over its inputs.
 */
export class UnionOperator extends StatelessOperator {
  processElement(value: unknown): void {
    this.ctx.output.emit(value);
  }
}
