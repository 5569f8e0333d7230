import { RawJson } from '../../core/raw-json.js';
import {
  base64Of,
  bytesOf,
  type PackedColumns,
  packColumns,
  unpackSlots,
} from './packed-columns.js';
import type { WindowColumns } from './window-columns.js';
import { type SlotColumns, slotsOf, type WindowSlot } from './window-slot.js';

/**
 * How window operators checkpoint one key group. Aligned windows: per window, the keys as a
 * JSON array and the aggregates packed (`PackedColumns`); a window's keys only ever grow, so
 * their JSON is kept in pieces and extended rather than built again (see `WindowColumns`).
 * Sessions, which each have their own bounds and come and go: keys, starts and ends
 * (Float64Array), and the aggregates.
 */
export interface PackedWindow extends PackedColumns {
  start: number;
  end: number;
  key: string[];
}

export interface PackedSessions extends PackedColumns {
  key: string[];
  start: string;
  end: string;
}

export type PackedGroup = { windows: PackedWindow[] } | { sessions: PackedSessions };

/** A key group's aligned windows as the state value a snapshot holds for it. */
export function packedGroup(windows: readonly WindowColumns[]): RawJson {
  const parts: Array<string | Uint8Array> = ['{"windows":['];
  windows.forEach((window, i) => {
    if (i > 0) parts.push(',');
    parts.push(...window.packedParts());
  });
  parts.push(']}');
  return new RawJson(parts);
}

/** A key group's sessions as the state value a snapshot holds for it. */
export function packedSessions(sessions: readonly WindowSlot[]): RawJson {
  const starts = Float64Array.from(sessions, (s) => s.start);
  const ends = Float64Array.from(sessions, (s) => s.end);
  const keys = JSON.stringify(sessions.map((s) => s.key));
  return new RawJson([
    `{"sessions":{"key":${keys},"start":"${base64Of(starts)}","end":"${base64Of(ends)}",`,
    ...packColumns(sessions),
    '}}',
  ]);
}

function slotsOfSessions(sessions: PackedSessions, keyGroup: number): WindowSlot[] {
  const n = sessions.key.length;
  const starts = new Float64Array(bytesOf(sessions.start, 8, n, 'start'));
  const ends = new Float64Array(bytesOf(sessions.end, 8, n, 'end'));
  return unpackSlots(sessions.key, keyGroup, sessions, (i) => [starts[i] ?? 0, ends[i] ?? 0]);
}

/**
 * The slots of one key group's stored window state: packed, or columns of plain numbers (how
 * checkpoints taken before this format held it).
 */
export function slotsOfGroup(state: unknown, keyGroup: number): WindowSlot[] {
  if (typeof state === 'object' && state !== null) {
    if ('windows' in state)
      return (state as { windows: PackedWindow[] }).windows.flatMap((w) =>
        unpackSlots(w.key, keyGroup, w, () => [w.start, w.end]),
      );
    if ('sessions' in state)
      return slotsOfSessions((state as { sessions: PackedSessions }).sessions, keyGroup);
  }
  return slotsOf(state as SlotColumns, keyGroup);
}
