import { StatelessOperator } from './stateless-operator.js';

/** Discards everything; the runtime's records-in counter is the point (benchmarks, tests). */
export class BlackholeSink extends StatelessOperator {
  processElement(): void {}
}
