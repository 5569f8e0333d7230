import type { OperatorSpec } from '@weir/contract';
import { NO_KEY_GROUP, type Operator, type OperatorContext } from '../../core/operator.js';

export interface ChainedOperator {
  spec: OperatorSpec;
  operator: Operator;
}

/** What a chain's operators reach outside it: the subtask's outputs, dead letters, timers. */
export interface ChainSurroundings {
  subtaskIndex: number;
  parallelism: number;
  maxParallelism: number;
  /** A record leaving the chain: on the main output (`sideOutput` undefined) or a side one. */
  emitDownstream(value: unknown, sideOutput: string | undefined): void;
  deadLetter(uid: string, record: unknown, reason: string): void;
  contextFor(uid: string): Pick<OperatorContext, 'logger' | 'now' | 'registerProcessingTimer'>;
}

/**
 * Opens each operator of a chain with its context: link i's output is link i + 1's input, by
 * a direct call; the last link's output leaves the chain.
 */
export function openChain(chain: readonly ChainedOperator[], around: ChainSurroundings): void {
  chain.forEach(({ spec, operator }, index) => {
    const next = chain[index + 1];
    operator.open({
      uid: spec.uid,
      subtaskIndex: around.subtaskIndex,
      parallelism: around.parallelism,
      maxParallelism: around.maxParallelism,
      output: next
        ? { emit: chainedCall(next.operator) }
        : { emit: (value) => around.emitDownstream(value, undefined) },
      sideOutput: (tag, value) => around.emitDownstream(value, tag),
      deadLetter: (record, reason) => around.deadLetter(spec.uid, record, reason),
      ...around.contextFor(spec.uid),
    });
  });
}

/**
 * `next.processElement` for one chain link, compiled on its own: a closure written here once
 * would be one function for every link, its call of the next operator megamorphic.
 */
function chainedCall(next: Operator): (value: unknown) => void {
  return new Function(
    'next',
    'group',
    'return (value) => next.processElement(value, 0, undefined, group);',
  )(next, NO_KEY_GROUP);
}
