import type { SnapshotKind } from '@weir/contract';
import type { OutputChannel } from './output-channel.js';
import type { Partitioner } from './partitioner.js';

/**
 * A subtask's partitioners as one: records go to the partitioners of their (side) output;
 * watermarks, idleness, barriers and the end go down every channel at once.
 */
export class SubtaskOutputs {
  private readonly channels: readonly OutputChannel[];

  constructor(private readonly partitioners: readonly Partitioner[]) {
    this.channels = partitioners.flatMap((partitioner) => partitioner.channels);
  }

  route(value: unknown, sideOutput: string | undefined): void {
    for (const partitioner of this.partitioners)
      if (partitioner.sideOutput === sideOutput) partitioner.route(value);
  }

  /** Some partitioner cannot take more: the subtask waits (backpressure). */
  get blocked(): boolean {
    for (const partitioner of this.partitioners) if (partitioner.blocked) return true;
    return false;
  }

  watermark(watermark: number): void {
    for (const channel of this.channels) channel.watermark(watermark);
  }

  idle(): void {
    for (const channel of this.channels) channel.idle();
  }

  barrier(checkpointId: number, kind: SnapshotKind): void {
    for (const channel of this.channels) channel.barrier(checkpointId, kind);
  }

  end(): void {
    for (const channel of this.channels) channel.end();
  }

  flush(): void {
    for (const channel of this.channels) channel.flush();
  }

  /** Batches waiting in every channel, and how many channels there are. */
  queue(): { queued: number; channels: number } {
    let queued = 0;
    for (const channel of this.channels) queued += channel.queued;
    return { queued, channels: this.channels.length };
  }
}
