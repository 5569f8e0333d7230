import type { SnapshotKind } from '@weir/contract';
import type { InputChannel } from './input-channel.js';

/**
 * Aligned barriers across a subtask's inputs (exactly-once): an input that delivered barrier n
 * is held back until every other live input delivered it too; then the subtask snapshots and
 * forwards the barrier. An input that ended will deliver no barrier and is not waited for.
 */
export class BarrierAlignment {
  private current: {
    checkpointId: number;
    kind: SnapshotKind;
    startedAt: number;
    seen: Set<number>;
  } | null = null;

  constructor(
    private readonly inputs: InputChannel[],
    private readonly now: () => number,
    private readonly aligned: (checkpointId: number, kind: SnapshotKind, startedAt: number) => void,
  ) {}

  onBarrier(channel: InputChannel, checkpointId: number, kind: SnapshotKind): void {
    const current = this.current;
    if (current && checkpointId < current.checkpointId) return; // an aborted older checkpoint
    if (!current || checkpointId > current.checkpointId) {
      // A newer barrier supersedes an alignment that can no longer complete.
      for (const input of this.inputs) input.blocked = false;
      this.current = { checkpointId, kind, startedAt: this.now(), seen: new Set() };
    }
    this.current?.seen.add(channel.id);
    channel.blocked = true;
    this.completeIfReady();
  }

  /** An input ended: the alignment may be waiting for nothing else now. */
  onEnd(): void {
    this.completeIfReady();
  }

  private completeIfReady(): void {
    const current = this.current;
    if (!current) return;
    if (this.inputs.some((input) => !input.ended && !current.seen.has(input.id))) return;
    this.current = null;
    for (const input of this.inputs) input.blocked = false;
    this.aligned(current.checkpointId, current.kind, current.startedAt);
  }
}
