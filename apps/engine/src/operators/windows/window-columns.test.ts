import { describe, expect, it } from 'vitest';
import { WindowColumns } from './window-columns.js';

const countColumnOf = (window: WindowColumns) =>
  Object.keys(JSON.parse(`{${window.packedParts().slice(-4, -1).join('')}}`));

describe('WindowColumns', () => {
  it('keeps every slot through growth past its first capacity', () => {
    const window = new WindowColumns(5, 0, 10);
    const cells = Array.from({ length: 300 }, (_, i) => window.cell(window.slotOf(`k${i}`)));
    cells.forEach((cell, i) => {
      cell.count = i % 200;
      cell.acc = i / 2;
      cell.fired = i % 3 === 0;
    });
    cells.forEach((cell, i) => {
      expect([cell.key, cell.keyGroup, cell.start, cell.end]).toEqual([`k${i}`, 5, 0, 10]);
      expect([cell.count, cell.acc, cell.fired]).toEqual([i % 200, i / 2, i % 3 === 0]);
    });
  });

  it('widens the count column when a count outgrows it, keeping the others', () => {
    const window = new WindowColumns(5, 0, 10);
    const small = window.cell(window.slotOf('small'));
    const large = window.cell(window.slotOf('large'));
    small.count = 7;
    expect(countColumnOf(window)).toEqual(['count8']);
    for (const [count, column] of [
      [255, 'count8'],
      [256, 'count16'],
      [70_000, 'count'],
      [2 ** 40, 'count64'],
    ] as const) {
      large.count = count;
      expect(countColumnOf(window)).toEqual([column]);
      expect([small.count, large.count]).toEqual([7, count]);
    }
  });

  it('reads 0, false and none until a slot sets an aggregate or a flag', () => {
    const window = new WindowColumns(5, 0, 10);
    const cell = window.cell(window.slotOf('a'));
    expect([cell.count, cell.acc, cell.fired, cell.distinct]).toEqual([0, 0, false, null]);
    cell.distinct = new Set(['x']);
    expect(window.cell(window.slotOf('b')).distinct).toBeNull();
    expect([...(cell.distinct ?? [])]).toEqual(['x']);
  });
});
