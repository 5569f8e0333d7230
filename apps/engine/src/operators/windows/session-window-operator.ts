import type { RawJson } from '../../core/raw-json.js';
import { byKeyGroup } from '../../state/keyed-state.js';
import type { AggregateInput } from './aggregates.js';
import { packedSessions } from './packed-windows.js';
import { WindowOperator, type WindowOptions } from './window-operator.js';
import { WindowSlot } from './window-slot.js';

const newList = (): WindowSlot[] => [];
const addTo = (slots: WindowSlot[], slot: WindowSlot) => {
  slots.push(slot);
};

/**
 * Session windows: a record at t opens [t, t + gap), and sessions of a key that overlap or
 * touch merge (Flink's TimeWindow.intersects), summing their aggregates. A merged session is a
 * new window: it fires on its own end, or at once if that already passed (lateness).
 */
export class SessionWindowOperator extends WindowOperator<WindowSlot> {
  /** Each key's live sessions; usually one, so a small array beats any ordered structure. */
  private readonly sessions = new Map<string, WindowSlot[]>();

  constructor(
    options: WindowOptions,
    private readonly gapMs: number,
  ) {
    super(options);
  }

  protected assign(time: number, key: string, keyGroup: number, input: AggregateInput): boolean {
    const start = time;
    const end = time + this.gapMs;
    let list = this.sessions.get(key);
    let target: WindowSlot | undefined;
    if (list !== undefined) {
      for (let i = 0; i < list.length; ) {
        const session = list[i] as WindowSlot;
        if (session.start > end || session.end < start) {
          i++;
        } else if (target === undefined) {
          target = session;
          i++;
        } else {
          this.absorb(target, session);
          list.splice(i, 1);
        }
      }
    }
    if (target === undefined) {
      // Any live session it touched would have kept it in time; alone, it may be too late.
      if (this.isLate(end)) return false;
      target = new WindowSlot(key, keyGroup, start, end);
      if (list === undefined) {
        list = [];
        this.sessions.set(key, list);
      }
      list.push(target);
    } else {
      if (start < target.start) target.start = start;
      if (end > target.end) target.end = end;
    }
    this.options.aggregate.add(target, input);
    this.updated(target);
    this.schedule(target, target.fired ? this.cleanupTime(target.end) : target.end - 1);
    return true;
  }

  private absorb(target: WindowSlot, other: WindowSlot): void {
    this.options.aggregate.merge(target, other);
    if (other.start < target.start) target.start = other.start;
    if (other.end > target.end) target.end = other.end;
    other.alive = false;
  }

  protected onTimer(session: WindowSlot): void {
    if (!session.alive) return;
    if (!session.fired) {
      this.emit(session);
      const cleanup = this.cleanupTime(session.end);
      if (cleanup > this.watermark) {
        this.schedule(session, cleanup);
        return;
      }
    }
    session.alive = false;
    this.changed.mark(session.keyGroup);
    const list = this.sessions.get(session.key) as WindowSlot[];
    list.splice(list.indexOf(session), 1);
    if (list.length === 0) this.sessions.delete(session.key);
  }

  protected snapshotGroups(include: (keyGroup: number) => boolean): Array<[number, RawJson]> {
    const sessions = [...this.sessions.values()].flat();
    const groups = byKeyGroup(sessions, (s) => s.keyGroup, newList, addTo, include);
    return groups.map(([keyGroup, slots]) => [keyGroup, packedSessions(slots)]);
  }

  protected restoreSlot(session: WindowSlot): void {
    const list = this.sessions.get(session.key);
    if (list) list.push(session);
    else this.sessions.set(session.key, [session]);
    this.schedule(session, session.fired ? this.cleanupTime(session.end) : session.end - 1);
  }
}
