import { type SerialisedEntry, serialiseEntry, serialiseKeyed } from '../../checkpoint/chunking.js';
import type { Operator } from '../operator.js';
import type { SentOperatorState } from './messages.js';

/**
 * Serialises one chained operator's snapshots in its worker, so the job master receives a few
 * byte arrays (copied as bytes) instead of structured-cloning millions of values. For an
 * operator that reports which key groups it left unchanged (`snapshotChangedState`), it keeps
 * the bytes it sent for every group last time and sends them again for those groups: a
 * checkpoint serialises only what changed. Every snapshot of the operator goes through here
 * (checkpoints and the final state), which is what makes "unchanged since the previous call"
 * mean "as sent last time".
 */
export class StateSerialiser {
  private previous = new Map<number, Uint8Array>();

  constructor(private readonly operator: Operator) {}

  snapshot(checkpointId: number): SentOperatorState {
    const { operator } = this;
    if (!operator.snapshotChangedState) {
      const state = operator.snapshotState(checkpointId);
      return { keyed: serialiseKeyed(state.keyed ?? []), operator: state.operator ?? [] };
    }
    const state = operator.snapshotChangedState(checkpointId);
    const next = new Map<number, Uint8Array>();
    for (const keyGroup of state.unchangedKeyGroups) {
      const json = this.previous.get(keyGroup);
      // Reusing nothing would silently drop the group's state from the checkpoint.
      if (json === undefined)
        throw new Error(`key group ${keyGroup} reported unchanged but was never snapshotted`);
      next.set(keyGroup, json);
    }
    for (const [keyGroup, value] of state.keyed ?? [])
      next.set(keyGroup, serialiseEntry(keyGroup, value)[1]);
    this.previous = next;
    return { keyed: [...next] as SerialisedEntry[], operator: state.operator ?? [] };
  }
}
