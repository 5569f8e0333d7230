import type { ASTNode } from '@marcbachmann/cel-js';
import { toPlain } from './to-plain.js';

/** What a fast path answers when its record is not the plain case: ask the interpreter. */
export const ASK_INTERPRETER = Symbol('ask the interpreter');

/**
 * An expression compiled to plain JavaScript for the common case. Its answers are plain
 * already, as `toPlain` would make them: only a value it passes on unexamined (a field, an
 * int literal) can need that, and such a value goes through `toPlain` where it is put into
 * the result, if it is an object or a BigInt. Walking the whole result instead (a for-in
 * over a map's result) cost about as much as computing it.
 */
export type FastPath = (record: unknown) => unknown;

/**
 * Compiles the part of CEL that stream jobs mostly write (field access, comparisons,
 * arithmetic, `&&`/`||`/`!`, `?:`, `has`, string tests, map and list literals) into one
 * JavaScript function per expression. cel-js's interpreter checks overloads and wraps values
 * at every step; the function does what those steps come to for plain JSON values. Measured
 * here through `Expression.evaluate`: a filter 166-205 -> 75-82 -> 21-25 ns, a two-field map
 * 405-719 -> 96-132 -> 25 ns per record (the last step: field names written into the
 * function, so loads and the result's literal have one fixed shape, and one record check).
 *
 * Only the case that needs no judgement is handled: operands of the expected JavaScript
 * types, fields that exist. Anything else (a missing field, mixed types, an error CEL would
 * raise or absorb, int arithmetic with its overflow rules) returns `ASK_INTERPRETER`, and the
 * interpreter gives CEL's own answer or error. A node kind not listed makes the whole
 * expression the interpreter's (`null`). Results are the interpreter's after `toPlain`.
 *
 * The generated text holds no literal of the expression: literal values are read from the
 * constants array `k`. Field names are written in, as `JSON.stringify` quotes them: a JSON
 * string is a JavaScript string literal, so no name can end it early.
 */
export function compileFastPath(ast: ASTNode): FastPath | null {
  const emitter = new Emitter();
  let result: Value;
  try {
    result = emitter.emit(ast, emitter.body);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const guard = emitter.readsRecordFields ? 'if (!h.isRecord(record)) return ASK;\n' : '';
  const answer = plain(result);
  const source = `"use strict";\nreturn (record) => {\n${guard}${emitter.body.join('\n')}\nreturn ${answer};\n};`;
  const create = new Function('k', 'ASK', 'h', source) as (
    k: unknown[],
    ask: symbol,
    h: typeof helpers,
  ) => FastPath;
  return create(emitter.constants, ASK_INTERPRETER, helpers);
}

class Unsupported extends Error {}

/** An emitted value: an expression without side effects, and its type when known. */
interface Value {
  code: string;
  /** The JavaScript type of a literal; undefined for anything computed. */
  literal?: 'string' | 'number' | 'bigint' | 'boolean' | 'null';
  /** Plain as it is: made here, not passed on from the record or a literal (see `FastPath`). */
  plain: boolean;
}

/** `value` as `toPlain` would make it, in code: a value passed on is converted if it needs it. */
function plain(value: Value): string {
  if (value.plain) return value.code;
  const v = value.code;
  return `(typeof ${v} === 'bigint' || (typeof ${v} === 'object' && ${v} !== null) ? h.toPlain(${v}) : ${v})`;
}

/** The largest integer literal compared with doubles here: every smaller one is exact as one. */
const EXACT_INT = BigInt(Number.MAX_SAFE_INTEGER);

const isExactInt = (value: unknown): value is bigint =>
  typeof value === 'bigint' && value <= EXACT_INT && value >= -EXACT_INT;

/** Two operands as doubles: doubles, or a double and an int that is exact as one. */
function asDoubles(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' || isExactInt(b);
  return typeof b === 'number' && isExactInt(a);
}

const isNumeric = (value: unknown) => typeof value === 'number' || typeof value === 'bigint';

const isScalar = (value: unknown) =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || isNumeric(value);

const ARITHMETIC: Record<string, (x: number, y: number) => number> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '%': (x, y) => x % y,
};

/** Every helper returns ASK_INTERPRETER for operands outside the plain case. */
const helpers = {
  toPlain,
  isRecord: (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype,
  hasOwn: Object.hasOwn,
  /** Scalars only: equal scalars of one type, numbers across double and int, else unequal. */
  eq(a: unknown, b: unknown): boolean | symbol {
    if (asDoubles(a, b)) return Number(a) === Number(b);
    // Numbers asDoubles left: an int too large to be exact as a double.
    if (isNumeric(a) && isNumeric(b) && typeof a !== typeof b) return ASK_INTERPRETER;
    return isScalar(a) && isScalar(b) ? a === b : ASK_INTERPRETER;
  },
  compare(a: unknown, b: unknown): number | symbol {
    if (asDoubles(a, b)) {
      const [x, y] = [Number(a), Number(b)];
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
    }
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    return ASK_INTERPRETER;
  },
  /** Doubles, a double with an int (as Weir's environment registers it), and string `+`. */
  arithmetic(op: string, a: unknown, b: unknown): unknown {
    // Two ints (asDoubles takes none) follow CEL's int rules: overflow is an error.
    if (asDoubles(a, b))
      return (ARITHMETIC[op] as (x: number, y: number) => number)(Number(a), Number(b));
    return op === '+' && typeof a === 'string' && typeof b === 'string' ? a + b : ASK_INTERPRETER;
  },
};

const COMPARISONS: Record<string, string> = { '<': '< 0', '<=': '<= 0', '>': '> 0', '>=': '>= 0' };
const STRING_TESTS: Record<string, string> = {
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  contains: 'includes',
};

/**
 * Writes statements into line lists (a branch gets its own, so only it runs) and returns the
 * name or literal holding each node's value. Invariant: no emitted value is ever
 * ASK_INTERPRETER, since every step that may produce it returns at once.
 */
class Emitter {
  readonly body: string[] = [];
  readonly constants: unknown[] = [];
  /** Some field of `record` itself is read: the function checks once that it is a record. */
  readsRecordFields = false;
  private names = 0;

  private fresh(): string {
    return `t${this.names++}`;
  }

  private constant(value: unknown): Value {
    this.constants.push(value);
    const type = value === null ? 'null' : typeof value;
    return {
      code: `k[${this.constants.length - 1}]`,
      literal: type as Value['literal'],
      plain: type !== 'bigint',
    };
  }

  /**
   * `object[name]` into a fresh name, returning to the interpreter unless `object` is a
   * record owning that field. A name Object.prototype has (`toString`, `__proto__`) is tested
   * with hasOwn; for any other, a record's field is undefined exactly when it has none (or
   * holds undefined, which no JSON value is: the interpreter may judge that too).
   */
  private field(object: string, name: string, out: string[]): Value {
    if (object === 'record') this.readsRecordFields = true;
    else out.push(`if (!h.isRecord(${object})) return ASK;`);
    const key = JSON.stringify(name);
    const value = this.fresh();
    if (name in Object.prototype)
      out.push(
        `if (!h.hasOwn(${object}, ${key})) return ASK;`,
        `const ${value} = ${object}[${key}];`,
      );
    else out.push(`const ${value} = ${object}[${key}];`, `if (${value} === undefined) return ASK;`);
    return { code: value, plain: false };
  }

  /** `code` into a fresh name, returning to the interpreter when it is ASK_INTERPRETER. */
  private checked(out: string[], code: string): Value {
    const name = this.fresh();
    out.push(`const ${name} = ${code};`, `if (${name} === ASK) return ASK;`);
    return { code: name, plain: true };
  }

  emit(node: ASTNode, out: string[]): Value {
    switch (node.op) {
      case 'value':
        // Uints and bytes are objects: left to the interpreter.
        if (typeof node.args === 'object' && node.args !== null) throw new Unsupported();
        return this.constant(node.args);
      case 'id':
        if (node.args !== 'record') throw new Unsupported();
        return { code: 'record', plain: false };
      case '.': {
        const [target, field] = node.args;
        return this.field(this.emit(target, out).code, field, out);
      }
      case 'call': {
        const [fn, args] = node.args;
        const selection = args[0];
        if (fn !== 'has' || args.length !== 1 || selection?.op !== '.') throw new Unsupported();
        const object = this.emit(selection.args[0], out).code;
        const key = JSON.stringify(selection.args[1]);
        const name = this.fresh();
        out.push(
          `if (!h.isRecord(${object})) return ASK;`,
          `const ${name} = h.hasOwn(${object}, ${key});`,
        );
        return { code: name, plain: true };
      }
      case 'rcall': {
        const [fn, target, args] = node.args;
        const method = STRING_TESTS[fn];
        if (!method || args.length !== 1) throw new Unsupported();
        const s = this.emit(target, out).code;
        const arg = this.emit(args[0] as ASTNode, out).code;
        const name = this.fresh();
        out.push(
          `if (typeof ${s} !== 'string' || typeof ${arg} !== 'string') return ASK;`,
          `const ${name} = ${s}.${method}(${arg});`,
        );
        return { code: name, plain: true };
      }
      case '==':
      case '!=': {
        const [a, b] = this.operands(node.args, out);
        const equal = this.checked(out, `${sameTypeFirst(a, b, '===')}h.eq(${a.code}, ${b.code})`);
        return node.op === '==' ? equal : { code: `!${equal.code}`, plain: true };
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [a, b] = this.operands(node.args, out);
        const order = this.checked(out, `h.compare(${a.code}, ${b.code})`);
        return { code: `(${order.code} ${COMPARISONS[node.op]})`, plain: true };
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const [a, b] = this.operands(node.args, out);
        const fast =
          a.literal === 'number' || b.literal === 'number' ? sameTypeFirst(a, b, node.op) : '';
        return this.checked(out, `${fast}h.arithmetic('${node.op}', ${a.code}, ${b.code})`);
      }
      case '&&':
      case '||':
        return this.logical(node.op, node.args[0], node.args[1], out);
      case '!_': {
        const operand = this.emit(node.args, out).code;
        out.push(`if (typeof ${operand} !== 'boolean') return ASK;`);
        return { code: `!${operand}`, plain: true };
      }
      case '-_':
        return this.negated(node.args, out);
      case '?:': {
        const [condition, then, otherwise] = node.args;
        const test = this.emit(condition, out).code;
        const name = this.fresh();
        const [thenLines, elseLines] = [[], []] as [string[], string[]];
        const thenValue = this.emit(then, thenLines);
        const elseValue = this.emit(otherwise, elseLines);
        out.push(
          `let ${name};`,
          `if (${test} === true) {`,
          ...thenLines,
          `${name} = ${thenValue.code};`,
          `} else if (${test} === false) {`,
          ...elseLines,
          `${name} = ${elseValue.code};`,
          '} else return ASK;',
        );
        return { code: name, plain: thenValue.plain && elseValue.plain };
      }
      case 'list': {
        const items = node.args.map((item) => this.emit(item, out));
        const name = this.fresh();
        out.push(`const ${name} = [${items.map(plain).join(', ')}];`);
        return { code: name, plain: true };
      }
      case 'map':
        return this.mapLiteral(node.args as Array<[ASTNode, ASTNode]>, out);
      default:
        throw new Unsupported();
    }
  }

  private operands([left, right]: [ASTNode, ASTNode], out: string[]): [Value, Value] {
    return [this.emit(left, out), this.emit(right, out)];
  }

  /** Only a bool left operand decides here: CEL absorbs errors on either side, the interpreter knows how. */
  private logical(op: '&&' | '||', left: ASTNode, right: ASTNode, out: string[]): Value {
    const decisive = op === '||';
    const a = this.emit(left, out).code;
    const name = this.fresh();
    const rightLines: string[] = [];
    const b = this.emit(right, rightLines).code;
    out.push(
      `let ${name} = ${decisive};`,
      `if (${a} === ${!decisive}) {`,
      ...rightLines,
      `if (typeof ${b} !== 'boolean') return ASK;`,
      `${name} = ${b};`,
      `} else if (${a} !== ${decisive}) return ASK;`,
    );
    return { code: name, plain: true };
  }

  /** `-5` and `-1.5` are literals negated: folded here, so they compare as literals do. */
  private negated(operand: ASTNode, out: string[]): Value {
    if (operand.op === 'value' && typeof operand.args === 'number')
      return this.constant(-operand.args);
    if (operand.op === 'value' && isExactInt(operand.args)) return this.constant(-operand.args);
    const value = this.emit(operand, out).code;
    out.push(`if (typeof ${value} !== 'number') return ASK;`);
    return { code: `(-${value})`, plain: true };
  }

  private mapLiteral(entries: Array<[ASTNode, ASTNode]>, out: string[]): Value {
    const keys = entries.map(([key]) => {
      // Other keys are ints or computed; `__proto__` is best left to the interpreter.
      if (key.op !== 'value' || typeof key.args !== 'string' || key.args === '__proto__')
        throw new Unsupported();
      return key.args;
    });
    if (new Set(keys).size !== keys.length) throw new Unsupported(); // CEL's error to give
    const values = entries.map(([, value]) => this.emit(value, out));
    const fields = values.map((value, i) => `${JSON.stringify(keys[i])}: ${plain(value)}`);
    const name = this.fresh();
    // Literal keys: each result starts with the literal's one shape.
    out.push(`const ${name} = { ${fields.join(', ')} };`);
    return { code: name, plain: true };
  }
}

/**
 * A guard answering at once when the computed operand has the literal's type (a string
 * field against a string literal, a number against a double): `typeof x === 'string' ?
 * x === k[0] : `, followed by the general helper call. Empty when neither side is such a literal.
 */
function sameTypeFirst(a: Value, b: Value, op: string): string {
  const literal = a.literal ?? b.literal;
  if ((literal !== 'string' && literal !== 'number') || (a.literal && b.literal)) return '';
  const other = a.literal ? b.code : a.code;
  return `typeof ${other} === '${literal}' ? ${a.code} ${op} ${b.code} : `;
}
