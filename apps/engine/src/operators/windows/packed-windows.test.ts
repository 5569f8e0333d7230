import { describe, expect, it } from 'vitest';
import { packedGroup, packedSessions, slotsOfGroup, WindowGroupSlots } from './packed-windows.js';
import { WindowSlot } from './window-slot.js';

function slot(key: string, fields: Partial<WindowSlot>): WindowSlot {
  return Object.assign(new WindowSlot(key, 3, 0, 10), fields);
}

const fieldsOf = (slots: WindowSlot[]) =>
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
const roundTrip = (windows: WindowGroupSlots[]) =>
  slotsOfGroup(JSON.parse(packedGroup(windows).text), 3);

describe('packed window state', () => {
  it('restores every field, including counts past 32 bits, sums and fired flags', () => {
    const window = new WindowGroupSlots(0, 10);
    window.slots.push(
      slot('a', { count: 2, acc: 1.5, fired: true }),
      slot('quote"and\\slash', { count: 2 ** 40, acc: -3 }),
      slot('ü', { count: 0 }),
    );
    expect(fieldsOf(roundTrip([window]))).toEqual(fieldsOf(window.slots));
  });

  it('leaves out columns that hold nothing and still restores them as zero', () => {
    const window = new WindowGroupSlots(0, 10);
    window.slots.push(slot('a', { count: 1 }), slot('b', { count: 4 }));
    const stored = JSON.parse(packedGroup([window]).text);
    expect(Object.keys(stored.windows[0]).sort()).toEqual(['count', 'end', 'key', 'start']);
    expect(fieldsOf(slotsOfGroup(stored, 3))).toEqual(fieldsOf(window.slots));
  });

  it('keeps distinct values and several windows of one group apart', () => {
    const first = new WindowGroupSlots(0, 10);
    first.slots.push(slot('a', { count: 2, distinct: new Set(['x', 1]) }));
    const second = new WindowGroupSlots(10, 20);
    second.slots.push(
      Object.assign(new WindowSlot('a', 3, 10, 20), { count: 1, distinct: new Set(['y']) }),
    );
    expect(fieldsOf(roundTrip([first, second]))).toEqual(
      fieldsOf([...first.slots, ...second.slots]),
    );
  });

  it('extends the keys it serialised before with the ones added since', () => {
    const window = new WindowGroupSlots(0, 10);
    window.slots.push(slot('a', { count: 1 }));
    expect(roundTrip([window]).map((s) => s.key)).toEqual(['a']);
    window.slots.push(slot('b', { count: 1 }), slot('c', { count: 1 }));
    expect(roundTrip([window]).map((s) => s.key)).toEqual(['a', 'b', 'c']);
    // Byte for byte what a window that never snapshotted before writes.
    const fresh = new WindowGroupSlots(0, 10);
    fresh.slots.push(...window.slots);
    expect(packedGroup([window]).text).toBe(packedGroup([fresh]).text);
  });

  it('hands the pieces of keys it serialised before in again, merged like a binary counter', () => {
    const window = new WindowGroupSlots(0, 10);
    const keyPieces = () =>
      window.packedParts().filter((part): part is Uint8Array => typeof part !== 'string');
    const add = (...keys: string[]) => window.slots.push(...keys.map((k) => slot(k, {})));
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
    const window = new WindowGroupSlots(0, 10);
    window.slots.push(slot('a', { count: 1 }), slot('b', { count: 1 }));
    const stored = JSON.parse(packedGroup([window]).text);
    stored.windows[0].count = Buffer.from(new Uint32Array([1]).buffer).toString('base64');
    expect(() => slotsOfGroup(stored, 3)).toThrow('window state: "count" holds 4 bytes for 2 keys');
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
