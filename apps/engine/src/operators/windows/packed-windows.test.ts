import { describe, expect, it } from 'vitest';
import { packedGroup, packedSessions, slotsOfGroup } from './packed-windows.js';
import { WindowColumns } from './window-columns.js';
import { type WindowCell, WindowSlot } from './window-slot.js';

type SlotFields = Partial<Pick<WindowCell, 'count' | 'acc' | 'fired' | 'distinct'>>;

/** A window [start, end) of key group 3 with a slot per key, set to its fields. */
function windowOf(slots: Record<string, SlotFields>, start = 0, end = 10) {
  const window = new WindowColumns(3, start, end);
  const cells = Object.entries(slots).map(([key, fields]) =>
    Object.assign(window.cell(window.slotOf(key)), fields),
  );
  return { window, cells };
}

const fieldsOf = (slots: readonly WindowCell[]) =>
  slots.map(({ key, keyGroup, start, end, count, acc, fired, distinct }) => ({
    key,
    keyGroup,
    start,
    end,
    count,
    acc,
    fired,
    distinct: distinct ? [...distinct] : null,
  }));

/** Through the text a checkpoint stores and back. */
const roundTrip = (windows: WindowColumns[]) =>
  slotsOfGroup(JSON.parse(packedGroup(windows).text), 3);

describe('packed window state', () => {
  it('restores every field, including counts past 32 bits, sums and fired flags', () => {
    const { window, cells } = windowOf({
      a: { count: 2, acc: 1.5, fired: true },
      'quote"and\\slash': { count: 2 ** 40, acc: -3 },
      ü: { count: 0 },
    });
    expect(fieldsOf(roundTrip([window]))).toEqual(fieldsOf(cells));
  });

  it('leaves out columns that hold nothing and still restores them as zero', () => {
    const { window, cells } = windowOf({ a: { count: 1 }, b: { count: 4, acc: 0, fired: false } });
    const stored = JSON.parse(packedGroup([window]).text);
    expect(Object.keys(stored.windows[0]).sort()).toEqual(['count8', 'end', 'key', 'start']);
    expect(fieldsOf(slotsOfGroup(stored, 3))).toEqual(fieldsOf(cells));
  });

  it('stores counts in the narrowest width that holds the largest', () => {
    const widths = [
      [255, 'count8', 1],
      [256, 'count16', 2],
      [65_536, 'count', 4],
      [2 ** 32, 'count64', 8],
    ] as const;
    for (const [largest, column, bytesPerCount] of widths) {
      const { window } = windowOf({ a: { count: 1 }, b: { count: largest } });
      const stored = JSON.parse(packedGroup([window]).text).windows[0];
      expect(Buffer.from(stored[column], 'base64')).toHaveLength(2 * bytesPerCount);
      expect(slotsOfGroup({ windows: [stored] }, 3).map((s) => s.count)).toEqual([1, largest]);
    }
  });

  it('keeps distinct values and several windows of one group apart', () => {
    const first = windowOf({ a: { count: 2, distinct: new Set(['x', 1]) } });
    const second = windowOf({ a: { count: 1, distinct: new Set(['y']) } }, 10, 20);
    expect(fieldsOf(roundTrip([first.window, second.window]))).toEqual(
      fieldsOf([...first.cells, ...second.cells]),
    );
  });

  it('extends the keys it serialised before with the ones added since', () => {
    const { window } = windowOf({ a: { count: 1 } });
    expect(roundTrip([window]).map((s) => s.key)).toEqual(['a']);
    window.cell(window.slotOf('b')).count = 1;
    window.cell(window.slotOf('c')).count = 1;
    expect(roundTrip([window]).map((s) => s.key)).toEqual(['a', 'b', 'c']);
    // Byte for byte what a window that never snapshotted before writes.
    const fresh = windowOf({ a: { count: 1 }, b: { count: 1 }, c: { count: 1 } });
    expect(packedGroup([window]).text).toBe(packedGroup([fresh.window]).text);
  });

  it('hands the pieces of keys it serialised before in again, merged like a binary counter', () => {
    const window = new WindowColumns(3, 0, 10);
    const keyPieces = () =>
      window.packedParts().filter((part): part is Uint8Array => typeof part !== 'string');
    const add = (...keys: string[]) => {
      for (const key of keys) window.slotOf(key);
    };
    add('aaa', 'bbb', 'ccc');
    const [first] = keyPieces();
    add('d');
    // A smaller piece for the new key; the first one is the very same array.
    const second = keyPieces();
    expect(second).toHaveLength(2);
    expect(second[0]).toBe(first);
    expect(keyPieces()).toEqual(second); // nothing added: nothing new
    // A piece at least as large as the one before is merged into it.
    add('eeeeeeeeeeeeeeeeeeeee');
    expect(keyPieces()).toHaveLength(1);
    expect(roundTrip([window]).map((s) => s.key)).toEqual([
      'aaa',
      'bbb',
      'ccc',
      'd',
      'eeeeeeeeeeeeeeeeeeeee',
    ]);
  });

  it('refuses a column whose length does not match its keys', () => {
    const { window } = windowOf({ a: { count: 1 }, b: { count: 1 } });
    const stored = JSON.parse(packedGroup([window]).text);
    stored.windows[0].count8 = Buffer.from([1]).toString('base64');
    expect(() => slotsOfGroup(stored, 3)).toThrow(
      'window state: "count8" holds 1 bytes for 2 keys',
    );
  });

  it('restores sessions, each with its own bounds', () => {
    const sessions = [
      Object.assign(new WindowSlot('a', 3, 5, 17), { count: 3, acc: 2.5 }),
      Object.assign(new WindowSlot('a', 3, 40, 44), { count: 1, fired: true }),
      Object.assign(new WindowSlot('b', 3, -1_000_000_000_000, 1_700_000_000_123), { count: 2 }),
    ];
    const stored = JSON.parse(packedSessions(sessions).text);
    expect(fieldsOf(slotsOfGroup(stored, 3))).toEqual(fieldsOf(sessions));
  });

  it('still restores the plain columns checkpoints held before state was packed', () => {
    const columns = {
      key: ['a', 'b'],
      start: [0, 10],
      end: [10, 20],
      fired: [1, 0],
      count: [2, 5],
      acc: [0, 1.5],
    };
    expect(fieldsOf(slotsOfGroup(columns, 3))).toEqual(
      fieldsOf([
        Object.assign(new WindowSlot('a', 3, 0, 10), { count: 2, fired: true }),
        Object.assign(new WindowSlot('b', 3, 10, 20), { count: 5, acc: 1.5 }),
      ]),
    );
  });
});
