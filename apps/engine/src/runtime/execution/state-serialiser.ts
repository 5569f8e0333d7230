import { serialiseEntry, serialiseKeyed } from '../../checkpoint/serialised-state.js';
import type { Operator } from '../operator.js';
import type { SentOperatorState } from './messages.js';

/**
 * Serialises one chained operator's snapshots in its worker, so the job master receives a few
 * byte arrays (copied as bytes) instead of structured-cloning millions of values. For an
 * operator that reports which key groups it left unchanged (`snapshotChangedState`), only the
 * changed groups are serialised and sent; the unchanged ones are named, and the job master
 * takes their bytes from what this serialiser sent before. Every snapshot of the operator goes
 * through here (checkpoints and the final state), in order, which is what makes "unchanged
 * since the previous call" mean "as sent last time".
 */
export class StateSerialiser {
  /** The key groups the previous snapshot held. */
  private sent = new Set<number>();

  constructor(private readonly operator: Operator) {}

  snapshot(checkpointId: number): SentOperatorState {
    const { operator } = this;
    if (!operator.snapshotChangedState) {
      const state = operator.snapshotState(checkpointId);
      return { keyed: serialiseKeyed(state.keyed ?? []), operator: state.operator ?? [] };
    }
    const state = operator.snapshotChangedState(checkpointId);
    for (const keyGroup of state.unchangedKeyGroups) {
      // Reusing nothing would silently drop the group's state from the checkpoint.
      if (!this.sent.has(keyGroup))
        throw new Error(`key group ${keyGroup} reported unchanged but was never snapshotted`);
    }
    const keyed = (state.keyed ?? []).map(([keyGroup, value]) => serialiseEntry(keyGroup, value));
    this.sent = new Set([...state.unchangedKeyGroups, ...keyed.map(([keyGroup]) => keyGroup)]);
    return { keyed, unchanged: state.unchangedKeyGroups, operator: state.operator ?? [] };
  }
}
