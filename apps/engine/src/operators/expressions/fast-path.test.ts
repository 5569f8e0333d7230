import { Environment } from '@marcbachmann/cel-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Expression } from './expression.js';
import { ASK_INTERPRETER, compileFastPath } from './fast-path.js';

const FIELDS = ['a', 'b', 'c'] as const;

/** Field values of every JSON kind, including the ones CEL treats apart (NaN, -0, big ints). */
const scalar = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀', '/', '0', 'A', 'ｚ') }),
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(-0, Number.NaN, 2 ** 60, 1.5, true, false, null, '0', '1', ''),
);
const record = fc.record(
  {
    a: fc.oneof(scalar, fc.record({ a: scalar, b: scalar }, { requiredKeys: [] })),
    b: scalar,
    c: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })),
    // A field Object.prototype also has: the fast path must read the record's own.
    toString: scalar,
  },
  { requiredKeys: [] },
);

const literal = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.constantFrom('9007199254740993', '1.5', '0.0', '-0.0', '2.0', '1e3', 'true', 'false', 'null'),
  fc.constantFrom('"0"', '"1"', '"a"', '"é"', '"😀a"', '"ｚ"', '""', '"/"', '"A"'),
);
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '&&', '||'];

/** CEL source text over `record`, from a grammar wide enough to reach every fast-path branch. */
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => {
  const expr = tie('expr');
  const field = fc.constantFrom(...FIELDS, 'missing', 'toString', 'constructor');
  const leaf = fc.oneof({ weight: 4, arbitrary: field.map((f) => `record.${f}`) }, literal);
  const binary = fc
    .tuple(expr, fc.constantFrom(...OPERATORS), expr)
    .map(([l, op, r]) => `(${l} ${op} ${r})`);
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: leaf },
      { weight: 6, arbitrary: binary },
      expr.map((e) => `!(${e})`),
      expr.map((e) => `-(${e})`),
      fc.tuple(expr, expr, expr).map(([c, t, o]) => `(${c} ? ${t} : ${o})`),
      fc.tuple(expr, expr).map(([x, y]) => `{"x": ${x}, "y": ${y}}`),
      fc.tuple(expr, expr).map(([x, y]) => `[${x}, ${y}]`),
      field.map((f) => `has(record.${f})`),
      field.map((f) => `has(record.a.${f})`),
      field.map((f) => `record.a.${f}`),
      fc
        .tuple(expr, fc.constantFrom('startsWith', 'endsWith', 'contains'), expr)
        .map(([s, m, a]) => `(${s}).${m}(${a})`),
    ),
  };
}).expr;

/** A program, or null when it does not type-check (literal-only nonsense like `1 + "a"`). */
function programs(source: string) {
  try {
    return { fast: new Expression(source), reference: new Expression(source, { fastPath: false }) };
  } catch {
    return null;
  }
}

const outcome = (expression: Expression, value: unknown) => {
  try {
    return { value: expression.evaluate(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const parse = new Environment({ homogeneousAggregateLiterals: false }).registerVariable(
  'record',
  'dyn',
);

describe('the expression fast path', () => {
  it('gives exactly what the interpreter gives, error or value, for any expression and record', () => {
    let answered = 0;
    let asked = 0;
    fc.assert(
      fc.property(
        expression,
        fc.array(record, { minLength: 1, maxLength: 5 }),
        (source, records) => {
          const compiled = programs(source);
          if (!compiled) return;
          const fast = compileFastPath(parse.parse(source).ast);
          for (const value of records) {
            if (fast?.(value) === ASK_INTERPRETER) asked++;
            else if (fast) answered++;
            expect(outcome(compiled.fast, value)).toStrictEqual(outcome(compiled.reference, value));
          }
        },
      ),
      { numRuns: 3_000 },
    );
    // Both paths were taken often: the comparison judged the fast path, not only the fallback.
    expect(answered).toBeGreaterThan(1_000);
    expect(asked).toBeGreaterThan(1_000);
  });

  it('gives exactly what the interpreter gives for a field against a literal, either side', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPERATORS),
        literal,
        fc.boolean(),
        fc.array(fc.record({ b: scalar }, { requiredKeys: [] }), { minLength: 1, maxLength: 5 }),
        (op, value, fieldFirst, records) => {
          const source = fieldFirst ? `record.b ${op} ${value}` : `${value} ${op} record.b`;
          const compiled = programs(source);
          if (!compiled) return;
          for (const r of records)
            expect(outcome(compiled.fast, r)).toStrictEqual(outcome(compiled.reference, r));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('passes on what a record holds as the interpreter does: BigInts as numbers, nested too', () => {
    // Not JSON, but a custom operator may emit it; the interpreter's answer goes through toPlain.
    const values = () => ({ n: 2n ** 40n, o: { m: 3n, list: [4n, 'x'] }, s: 'x', f: 1.5 });
    for (const source of [
      '{"n": record.n, "o": record.o, "s": record.s, "f": record.f}',
      '[record.n, record.o, 1, 2.0]',
      'record.o',
      'record.f > 1.0 ? record.n : 7',
    ]) {
      const compiled = programs(source);
      if (!compiled) throw new Error(`${source} does not compile`);
      expect(compileFastPath(parse.parse(source).ast)?.(values())).not.toBe(ASK_INTERPRETER);
      expect(outcome(compiled.fast, values())).toStrictEqual(outcome(compiled.reference, values()));
    }
  });

  it('answers the common filters and maps itself', () => {
    const click = { user: 'u1', page: '/p1', ts: 1_700_000_000_123 };
    for (const source of [
      'record.page != "/p0"',
      '{"user": record.user, "second": record.ts / 1000.0}',
      'record.ts > 1000 && record.user.startsWith("u")',
      'has(record.page) ? record.page : "none"',
    ])
      expect(compileFastPath(parse.parse(source).ast)?.(click)).not.toBe(ASK_INTERPRETER);
    expect(compileFastPath(parse.parse('size(record.user)').ast)).toBeNull();
  });
});
