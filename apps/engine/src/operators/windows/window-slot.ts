/**
 * One key's aggregate in one window, as aggregates and firing see it. Sessions keep each in a
 * `WindowSlot`; aligned windows keep theirs in columns (see `WindowColumns`), which a
 * checkpoint copies without visiting every key.
 */
export interface WindowCell {
  readonly key: string;
  readonly keyGroup: number;
  readonly start: number;
  readonly end: number;
  count: number;
  /** Sum, min or max of the aggregated field, as the aggregate kind defines it. */
  acc: number;
  distinct: Set<unknown> | null;
  /** The newest contents were emitted; an update clears it unless the window re-emits at once. */
  fired: boolean;
}

/**
 * A `WindowCell` in plain fields rather than a Map, so a slot costs one allocation; sessions
 * keep theirs so, and restores read every window's back into these.
 */
export class WindowSlot implements WindowCell {
  count = 0;
  acc = 0;
  distinct: Set<unknown> | null = null;
  fired = false;
  /** The time this slot's current timer is due (sessions); stale heap entries differ. */
  timer = Number.NaN;
  /** False once merged away or purged, so stale timers for it are skipped. */
  alive = true;

  constructor(
    readonly key: string,
    readonly keyGroup: number,
    public start: number,
    public end: number,
  ) {}
}

/**
 * One key group's slots as checkpoints held them before window state was packed (see
 * `packed-windows.ts`), column by column: still read, so those checkpoints restore.
 */
export interface SlotColumns {
  key: string[];
  start: number[];
  end: number[];
  fired: Array<0 | 1>;
  count: number[];
  acc: number[];
  /** Distinct values per slot: present for distinct-count, where every slot has them. */
  distinct?: unknown[][];
}

export function slotsOf(columns: SlotColumns, keyGroup: number): WindowSlot[] {
  return columns.key.map((key, i) => {
    const slot = new WindowSlot(key, keyGroup, columns.start[i] ?? 0, columns.end[i] ?? 0);
    slot.fired = columns.fired[i] === 1;
    slot.count = columns.count[i] ?? 0;
    slot.acc = columns.acc[i] ?? 0;
    const distinct = columns.distinct?.[i];
    slot.distinct = distinct ? new Set(distinct) : null;
    return slot;
  });
}
