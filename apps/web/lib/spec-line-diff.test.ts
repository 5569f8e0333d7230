import { describe, expect, it } from 'vitest';
import { sideBySide } from './spec-line-diff';

const text = (...lines: string[]) => lines.join('\n');
const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('sideBySide', () => {
  it('puts a changed line beside the line it replaced, numbering each side', () => {
    const rows = sideBySide(text('{', '"size": 10', '}'), text('{', '"size": 5', '}'));
    expect(rows).toEqual([
      { kind: 'same', left: { line: 1, text: '{' }, right: { line: 1, text: '{' } },
      {
        kind: 'changed',
        left: { line: 2, text: '"size": 10' },
        right: { line: 2, text: '"size": 5' },
      },
      { kind: 'same', left: { line: 3, text: '}' }, right: { line: 3, text: '}' } },
    ]);
  });

  it('leaves the other side empty for lines only one side has', () => {
    const rows = sideBySide(text('a', 'c'), text('a', 'b1', 'b2', 'c'));
    expect(rows.filter((r) => r.kind === 'changed')).toEqual([
      { kind: 'changed', left: null, right: { line: 2, text: 'b1' } },
      { kind: 'changed', left: null, right: { line: 3, text: 'b2' } },
    ]);
    // Numbers on the right run on past the added lines.
    expect(rows.at(-1)).toEqual({
      kind: 'same',
      left: { line: 2, text: 'c' },
      right: { line: 4, text: 'c' },
    });
    expect(sideBySide(text('a', 'b'), 'a').at(-1)).toEqual({
      kind: 'changed',
      left: { line: 2, text: 'b' },
      right: null,
    });
  });

  it('pairs the longer side of a replacement with nothing', () => {
    const rows = sideBySide(text('x', 'old', 'y'), text('x', 'new1', 'new2', 'y'));
    expect(rows.filter((r) => r.kind === 'changed')).toEqual([
      { kind: 'changed', left: { line: 2, text: 'old' }, right: { line: 2, text: 'new1' } },
      { kind: 'changed', left: null, right: { line: 3, text: 'new2' } },
    ]);
  });

  it('folds long runs of unchanged lines, keeping the context around each change', () => {
    const before = text(...numbered('a', 10), 'old', ...numbered('b', 10));
    const after = text(...numbered('a', 10), 'new', ...numbered('b', 10));
    const rows = sideBySide(before, after, 2);
    expect(rows.map((r) => r.kind)).toEqual([
      'folded',
      'same',
      'same',
      'changed',
      'same',
      'same',
      'folded',
    ]);
    expect(rows[0]).toEqual({ kind: 'folded', count: 8 });
    expect(rows[1]).toMatchObject({ left: { line: 9, text: 'a9' } });
    expect(rows[5]).toMatchObject({ right: { line: 13, text: 'b2' } });
    expect(rows[6]).toEqual({ kind: 'folded', count: 8 });
  });

  it('keeps a short run between two changes whole', () => {
    const rows = sideBySide(text('x', 'a', 'b', 'y'), text('X', 'a', 'b', 'Y'), 1);
    expect(rows.map((r) => r.kind)).toEqual(['changed', 'same', 'same', 'changed']);
  });

  it('folds everything when nothing changed', () => {
    expect(sideBySide(text('a', 'b', 'c'), text('a', 'b', 'c'))).toEqual([
      { kind: 'folded', count: 3 },
    ]);
  });
});
