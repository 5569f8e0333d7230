import { pino } from 'pino';
import type { Operator, OperatorContext } from '../src/core/operator.js';

/**
 * Drives one operator instance in a unit test: collects main and side outputs and dead
 * letters, and fires processing-time timers when the test advances its clock.
 */
export class OperatorHarness<T extends Operator> {
  readonly emitted: unknown[] = [];
  readonly sideOutputs = new Map<string, unknown[]>();
  readonly deadLetters: Array<{ record: unknown; reason: string }> = [];
  private clock = 0;
  private readonly timers: number[] = [];

  constructor(
    readonly operator: T,
    options: {
      subtaskIndex?: number;
      parallelism?: number;
      maxParallelism?: number;
      uid?: string;
    } = {},
  ) {
    const ctx: OperatorContext = {
      uid: options.uid ?? 'op',
      subtaskIndex: options.subtaskIndex ?? 0,
      parallelism: options.parallelism ?? 1,
      maxParallelism: options.maxParallelism ?? 128,
      output: { emit: (value) => this.emitted.push(value) },
      sideOutput: (tag, value) => {
        const list = this.sideOutputs.get(tag) ?? [];
        list.push(value);
        this.sideOutputs.set(tag, list);
      },
      deadLetter: (record, reason) => this.deadLetters.push({ record, reason }),
      logger: pino({ level: 'silent' }),
      now: () => this.clock,
      registerProcessingTimer: (time) => this.timers.push(time),
    };
    operator.open(ctx);
  }

  /** Advances processing time, firing every timer that came due, in time order. */
  advanceTo(time: number): void {
    this.clock = time;
    this.timers.sort((a, b) => a - b);
    while (this.timers.length > 0 && (this.timers[0] as number) <= time) {
      this.timers.shift();
      this.operator.onProcessingTime?.(time);
    }
  }

  /** Takes the emitted records so far, leaving the buffer empty. */
  drain(): unknown[] {
    return this.emitted.splice(0);
  }
}
