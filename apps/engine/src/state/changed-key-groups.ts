import type { ChangedOperatorState } from '../core/operator.js';

/**
 * The key groups a keyed operator changed since its previous `snapshotChangedState`, so that
 * snapshot can leave the rest out and the runtime reuses what it serialised for them then: a
 * checkpoint then costs what changed, not the whole state. Until the first such snapshot every
 * group counts as changed, since the runtime has nothing of this instance's to reuse yet.
 */
export class ChangedKeyGroups {
  private readonly changed: Uint8Array;
  private all = true;

  constructor(maxParallelism: number) {
    this.changed = new Uint8Array(maxParallelism);
  }

  /** Anything of the group's state changed: added, updated or removed. */
  mark(keyGroup: number): void {
    this.changed[keyGroup] = 1;
  }

  has(keyGroup: number): boolean {
    return this.all || this.changed[keyGroup] === 1;
  }

  /** A snapshot of the changed groups was taken: from now on only new marks count. */
  clear(): void {
    this.changed.fill(0);
    this.all = false;
  }

  /**
   * The operator's `snapshotChangedState`: `snapshotGroups` returns the state of the groups
   * its `include` says yes to (asked once per group that holds state); the others are reported
   * unchanged. Then only new marks count.
   */
  snapshot(
    snapshotGroups: (include: (keyGroup: number) => boolean) => Array<[number, unknown]>,
  ): ChangedOperatorState {
    const unchanged: number[] = [];
    const keyed = snapshotGroups((keyGroup) => {
      if (this.has(keyGroup)) return true;
      unchanged.push(keyGroup);
      return false;
    });
    this.clear();
    return { keyed, unchangedKeyGroups: unchanged };
  }
}
