import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValues, encodeValues } from './wire-batch.js';

/** What crossing threads must give: exactly a JSON round trip of the batch. */
const viaJson = (values: unknown[]) => JSON.parse(JSON.stringify(values)) as unknown[];

const crossed = (values: unknown[], keys: Array<string | undefined>) =>
  decodeValues(structuredClone(encodeValues(values, keys)));

/** Field values JSON changes (NaN, ±Infinity, -0, undefined) among ones it keeps. */
const fieldValue = fc.oneof(
  fc.string(),
  fc.constantFrom('/p1', '/p2', '', 'ü', '"', '\uDC00'),
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, undefined, null, true),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Batches whose records mostly share one shape, sometimes not quite. */
const batch = fc
  .uniqueArray(fc.oneof(fc.constantFrom('user', 'ts', '__proto__', '1', 'toJSON'), fc.string()), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((fields) =>
    fc
      .array(
        fc.oneof(
          { weight: 8, arbitrary: fc.tuple(...fields.map(() => fieldValue)) },
          { weight: 1, arbitrary: fc.array(fieldValue, { maxLength: fields.length + 1 }) },
        ),
        { minLength: 1, maxLength: 30 },
      )
      .map((rows) =>
        rows.map((row) => {
          const record: Record<string, unknown> = {};
          row.forEach((value, i) => {
            Object.defineProperty(record, fields[i] ?? `extra${i}`, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          });
          return record;
        }),
      ),
  );

describe('a batch crossing threads', () => {
  it('arrives as its JSON round trip, with its keys, whatever the records hold', () => {
    fc.assert(
      fc.property(batch, fc.boolean(), (values, keyedByFirstField) => {
        const keys = values.map((value) => {
          const first = Object.values(value)[0];
          if (!keyedByFirstField) return first === undefined ? undefined : String(first).slice(1);
          return typeof first === 'string' ? first : undefined;
        });
        const { values: received, keys: receivedKeys } = crossed(values, keys);
        expect(received).toStrictEqual(viaJson(values));
        expect(Array.from(receivedKeys)).toEqual(keys);
      }),
      { numRuns: 500 },
    );
  });

  it('arrives as its JSON round trip when a column repeats a few strings', () => {
    const few = fc.constantFrom('/p1', '/p2', '', 'ü', '"', '__proto__', '\uD800x');
    const record = fc
      .tuple(fc.string(), few, fc.double())
      .map(([user, page, n]) => ({ user, page, n }));
    const rows = fc.array(record, { minLength: 1, maxLength: 600, size: 'max' });
    fc.assert(
      fc.property(rows, (values) => {
        const keys = values.map((value) => value.user);
        const { values: received, keys: receivedKeys } = crossed(values, keys);
        expect(received).toStrictEqual(viaJson(values));
        expect(Array.from(receivedKeys)).toEqual(keys);
      }),
      { numRuns: 200 },
    );
  });

  it('arrives as its JSON round trip when its records are not objects', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), (values) => {
        const { values: received, keys } = crossed(values, new Array(values.length));
        expect(received).toStrictEqual(viaJson(values));
        expect(keys).toHaveLength(values.length);
      }),
    );
  });

  it('goes as columns when its records share a shape, its keys being one of them', () => {
    const values = Array.from({ length: 8 }, (_, i) => ({
      user: `u${i}`,
      page: `/p${i % 2}`,
      ts: 1_700_000_000_000 + i,
    }));
    const keys = values.map((v) => v.user);
    const wire = encodeValues(values, keys);
    expect(wire).toMatchObject({ f: 'columns', fields: ['user', 'page', 'ts'], keyColumn: 0 });
    if (wire.f !== 'columns') return;
    // Short user ids, all distinct: one text and their lengths.
    expect(wire.columns[0]).toEqual({
      joined: 'u0u1u2u3u4u5u6u7',
      lengths: Uint8Array.from([2, 2, 2, 2, 2, 2, 2, 2]),
    });
    // Two distinct pages in eight records: each sent once, with a code per record.
    expect(wire.columns[1]).toEqual({
      distinct: '["/p0","/p1"]',
      codes: Uint8Array.from([0, 1, 0, 1, 0, 1, 0, 1]),
    });
    expect(wire.columns[2]).toBeInstanceOf(Float64Array);
    expect(decodeValues(structuredClone(wire))).toEqual({ values, keys });
  });
});
