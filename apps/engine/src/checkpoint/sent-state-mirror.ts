import type { SentOperatorState } from '../runtime/execution/messages.js';

/**
 * The job master's copy of the keyed state each subtask last sent, per operator. A subtask
 * sends only the key groups it changed and names the others (`SentOperatorState.unchanged`);
 * this fills those in with the very byte arrays it sent before, which is also how a
 * checkpoint recognises state already stored (`SegmentLocations`) without hashing it again. Every report of a
 * run passes through here in the order its subtask sent it (one port per worker keeps that
 * order); a new run starts empty, as its new subtasks do.
 */
export class SentStateMirror {
  private readonly last = new Map<string, Map<number, Uint8Array[]>>();

  clear(): void {
    this.last.clear();
  }

  /** `states` with every key group whole; throws for a group named unchanged but never sent. */
  complete(
    vertexId: string,
    subtaskIndex: number,
    states: Record<string, SentOperatorState>,
  ): Record<string, SentOperatorState> {
    const completed: Record<string, SentOperatorState> = {};
    for (const [uid, state] of Object.entries(states)) {
      const key = `${vertexId}/${subtaskIndex}/${uid}`;
      const previous = this.last.get(key);
      const current = new Map<number, Uint8Array[]>();
      for (const keyGroup of state.unchanged ?? []) {
        const bytes = previous?.get(keyGroup);
        if (bytes === undefined)
          throw new Error(
            `subtask ${vertexId}/${subtaskIndex} reported key group ${keyGroup} of ${uid} unchanged, but never sent it`,
          );
        current.set(keyGroup, bytes);
      }
      for (const [keyGroup, bytes] of state.keyed) current.set(keyGroup, bytes);
      this.last.set(key, current);
      completed[uid] = { keyed: [...current], operator: state.operator };
    }
    return completed;
  }
}
