import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { WeirError } from '../../errors/weir-error.js';
import { ASK_INTERPRETER, compileFastPath, type FastPath } from './fast-path.js';
import { toPlain } from './to-plain.js';

/**
 * User logic as CEL (https://cel.dev) through @marcbachmann/cel-js: synchronous, no eval,
 * compiled once into a closure tree. Expressions see one variable, `record`. The plain case
 * of each also runs as one generated function (`fast-path.ts`: `new Function` over text made
 * from the tree's shape only, never from the expression's text).
 */
function createEnvironment(): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false }).registerVariable(
    'record',
    'dyn',
  );
  // JSON numbers arrive as CEL doubles and literals like `1` are ints; strict CEL has no mixed
  // arithmetic (nor a double %), so `record.n + 1` or `record.n % 2` would fail on every
  // record. Mixed operands yield a double, as JavaScript would compute it.
  const mixed: Array<[string, (a: number, b: number) => number]> = [
    ['+', (a, b) => a + b],
    ['-', (a, b) => a - b],
    ['*', (a, b) => a * b],
    ['/', (a, b) => a / b],
    ['%', (a, b) => a % b],
  ];
  for (const [op, fn] of mixed) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => fn(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => fn(Number(a), b));
  }
  env.registerOperator('double % double', (a: number, b: number) => a % b);
  return env;
}

const environment = createEnvironment();

/** First line of a CEL error: the rest is a caret diagram that suits logs, not reasons. */
export const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export class Expression {
  private readonly program: ParseResult;
  /** Reused for every record: evaluation is synchronous and keeps no reference to it. */
  private readonly scope: { record: unknown } = { record: undefined };
  /** The common case in plain JavaScript; null when the expression is the interpreter's alone. */
  private readonly fast: FastPath | null;

  /**
   * Throws on a syntax or type error, with the library's caret diagram. `fastPath: false`
   * leaves every record to the interpreter (the reference the fast path is tested against).
   */
  constructor(
    readonly source: string,
    options: { fastPath: boolean } = { fastPath: true },
  ) {
    this.program = environment.parse(source);
    const checked = this.program.check();
    if (!checked.valid) throw checked.error ?? new Error('invalid expression');
    this.fast = options.fastPath ? compileFastPath(this.program.ast) : null;
  }

  /** The result as plain JSON-friendly values; throws what the expression throws. */
  evaluate(record: unknown): unknown {
    // A fast path's answer is plain already (see `compileFastPath`).
    const fast = this.fast === null ? ASK_INTERPRETER : this.fast(record);
    if (fast !== ASK_INTERPRETER) return fast;
    this.scope.record = record;
    return toPlain(this.program(this.scope));
  }
}

/** Compiles an operator's expression; a bad one is the submitter's error, naming both. */
export function compileExpression(uid: string, source: string): Expression {
  try {
    return new Expression(source);
  } catch (error) {
    throw new WeirError(
      'INVALID_ARGUMENT',
      `operator "${uid}": invalid expression ${JSON.stringify(source)}: ${(error as Error).message}`,
      { domain: 'user', cause: error },
    );
  }
}
