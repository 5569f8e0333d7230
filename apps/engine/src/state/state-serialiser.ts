import type { SentOperatorState, SentPiece } from '../core/messages.js';
import type { Operator } from '../core/operator.js';
import { serialiseEntry } from './serialised-state.js';

/**
 * Serialises one chained operator's snapshots in its worker, so the job master receives a few
 * byte arrays (copied as bytes) instead of structured-cloning millions of values. For an
 * operator that reports which key groups it left unchanged (`snapshotChangedState`), only the
 * changed groups are serialised and sent; the unchanged ones are named, and the job master
 * takes their pieces from what this serialiser sent before. Within a changed group, a piece the
 * operator handed in before and the previous report held goes as its id only. Every snapshot
 * of the operator goes through here (checkpoints and the final state), in order, which is what
 * makes "as sent last time" mean the same to both sides (see `SentStateMirror`).
 */
export class StateSerialiser {
  /** Ids of the pieces of each key group the previous report held: what the job master keeps. */
  private held = new Map<number, number[]>();
  private readonly idOf = new WeakMap<Uint8Array, number>();
  private nextId = 0;

  constructor(private readonly operator: Operator) {}

  snapshot(checkpointId: number): SentOperatorState {
    const { operator } = this;
    const state = operator.snapshotChangedState
      ? operator.snapshotChangedState(checkpointId)
      : { ...operator.snapshotState(checkpointId), unchangedKeyGroups: [] };
    const next = new Map<number, number[]>();
    for (const keyGroup of state.unchangedKeyGroups) {
      const ids = this.held.get(keyGroup);
      // Reusing nothing would silently drop the group's state from the checkpoint.
      if (!ids)
        throw new Error(`key group ${keyGroup} reported unchanged but was never snapshotted`);
      next.set(keyGroup, ids);
    }
    const heldIds = new Set([...this.held.values()].flat());
    const keyed = (state.keyed ?? []).map(([keyGroup, value]): [number, SentPiece[]] => {
      const [, pieces] = serialiseEntry(keyGroup, value);
      const sent = pieces.map((piece) => this.sendable(piece, heldIds));
      next.set(
        keyGroup,
        sent.map((piece) => (typeof piece === 'number' ? piece : piece[0])),
      );
      return [keyGroup, sent];
    });
    this.held = next;
    return { keyed, unchanged: state.unchangedKeyGroups, operator: state.operator ?? [] };
  }

  /** The piece's id if the job master holds it, else its bytes under its (new) id. */
  private sendable(piece: Uint8Array, heldIds: ReadonlySet<number>): SentPiece {
    let id = this.idOf.get(piece);
    if (id !== undefined && heldIds.has(id)) return id;
    if (id === undefined) {
      id = this.nextId++;
      this.idOf.set(piece, id);
    }
    return [id, piece];
  }
}
