import type { SentOperatorState } from '../core/messages.js';
import type { SerialisedEntry } from '../state/serialised-state.js';

/** One operator's state of one subtask, every key group with all its pieces. */
export interface ReceivedOperatorState {
  keyed: SerialisedEntry[];
  operator: unknown[];
}

interface HeldState {
  /** Piece ids of each key group, as the subtask's previous report held them. */
  groups: Map<number, number[]>;
  pieces: Map<number, Uint8Array>;
}

/**
 * The job master's copy of the keyed state each subtask last sent, per operator. A subtask
 * sends only the key groups it changed and names the others, and within a changed group sends
 * a piece it sent before as its id only (`SentOperatorState`); this fills those in with the
 * very byte arrays that came before, which is also how a checkpoint recognises state already
 * stored (`SegmentLocations`) without hashing it again. Every report of a run passes through
 * here in the order its subtask sent it (one port per worker keeps that order), and both sides
 * keep exactly the pieces of the previous report; a new run starts empty, as its subtasks do.
 */
export class SentStateMirror {
  private readonly held = new Map<string, HeldState>();

  clear(): void {
    this.held.clear();
  }

  /** `states` whole; throws for a key group or piece named as sent before but never sent. */
  complete(
    vertexId: string,
    subtaskIndex: number,
    states: Record<string, SentOperatorState>,
  ): Record<string, ReceivedOperatorState> {
    const completed: Record<string, ReceivedOperatorState> = {};
    for (const [uid, state] of Object.entries(states)) {
      const key = `${vertexId}/${subtaskIndex}/${uid}`;
      const previous = this.held.get(key) ?? { groups: new Map(), pieces: new Map() };
      const mismatch = (what: string) =>
        new Error(
          `subtask ${vertexId}/${subtaskIndex} reported ${what} of ${uid} as sent before, but never sent it`,
        );
      const current: HeldState = { groups: new Map(), pieces: new Map() };
      const take = (id: number) => {
        const bytes = current.pieces.get(id) ?? previous.pieces.get(id);
        if (bytes === undefined) throw mismatch(`piece ${id}`);
        current.pieces.set(id, bytes);
        return id;
      };
      for (const keyGroup of state.unchanged) {
        const ids = previous.groups.get(keyGroup);
        if (ids === undefined) throw mismatch(`key group ${keyGroup}`);
        current.groups.set(keyGroup, ids.map(take));
      }
      for (const [keyGroup, pieces] of state.keyed) {
        const ids = pieces.map((piece) => {
          if (typeof piece === 'number') return take(piece);
          current.pieces.set(piece[0], piece[1]);
          return piece[0];
        });
        current.groups.set(keyGroup, ids);
      }
      this.held.set(key, current);
      const keyed = [...current.groups].map(
        ([keyGroup, ids]): SerialisedEntry => [
          keyGroup,
          ids.map((id) => current.pieces.get(id) as Uint8Array),
        ],
      );
      completed[uid] = { keyed, operator: state.operator };
    }
    return completed;
  }
}
