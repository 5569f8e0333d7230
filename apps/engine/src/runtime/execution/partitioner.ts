import { keyGroupOf, subtaskOfKeyGroup } from '../../core/key-groups.js';
import type { SubtaskAssignment } from '../../core/messages.js';
import { NO_KEY_GROUP } from '../../core/operator.js';
import type { OutputChannel } from './output-channel.js';

/** Sends each record of one outgoing edge to the right downstream subtask(s). */
export class Partitioner {
  private next = 0;

  constructor(
    private readonly edge: SubtaskAssignment['outputs'][number],
    readonly channels: OutputChannel[],
    private readonly subtaskIndex: number,
    private readonly maxParallelism: number,
  ) {}

  get sideOutput(): string | undefined {
    return this.edge.sideOutput;
  }

  route(value: unknown): void {
    const channels = this.channels;
    switch (this.edge.partitioning) {
      case 'hash': {
        const key = String((value as Record<string, unknown>)[this.edge.keyField as string]);
        const group = keyGroupOf(key, this.maxParallelism);
        (
          channels[subtaskOfKeyGroup(group, channels.length, this.maxParallelism)] as OutputChannel
        ).add(value, key, group);
        return;
      }
      case 'broadcast':
        for (const channel of channels) channel.add(value, undefined, NO_KEY_GROUP);
        return;
      case 'forward':
        // Same parallelism on both sides: subtask i feeds subtask i, with no shuffle.
        if (channels.length > this.subtaskIndex) {
          (channels[this.subtaskIndex] as OutputChannel).add(value, undefined, NO_KEY_GROUP);
          return;
        }
        break;
      case 'rebalance':
        break;
    }
    (channels[this.next] as OutputChannel).add(value, undefined, NO_KEY_GROUP);
    this.next = (this.next + 1) % channels.length;
  }

  get blocked(): boolean {
    for (const channel of this.channels) if (channel.blocked) return true;
    return false;
  }
}
