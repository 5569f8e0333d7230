import { describe, expect, it } from 'vitest';
import { BarrierAlignment } from './barrier-alignment.js';
import { InputChannel } from './input-channel.js';

function setup(inputs: number) {
  const channels = Array.from({ length: inputs }, (_, id) => new InputChannel(id, id, 0));
  const aligned: number[] = [];
  const alignment = new BarrierAlignment(
    channels,
    () => 0,
    (id) => aligned.push(id),
  );
  return { channels, aligned, alignment };
}

describe('barrier alignment', () => {
  it('holds each input at the barrier until every input delivered it', () => {
    const { channels, aligned, alignment } = setup(3);
    alignment.onBarrier(channels[0] as InputChannel, 1, 'CHECKPOINT');
    alignment.onBarrier(channels[2] as InputChannel, 1, 'CHECKPOINT');
    expect(channels.map((c) => c.blocked)).toEqual([true, false, true]);
    expect(aligned).toEqual([]);
    alignment.onBarrier(channels[1] as InputChannel, 1, 'CHECKPOINT');
    expect(aligned).toEqual([1]);
    expect(channels.every((c) => !c.blocked)).toBe(true);
  });

  it('does not wait for an input that ended (its subtask finished)', () => {
    const { channels, aligned, alignment } = setup(2);
    alignment.onBarrier(channels[0] as InputChannel, 4, 'CHECKPOINT');
    (channels[1] as InputChannel).ended = true;
    alignment.onEnd();
    expect(aligned).toEqual([4]);
  });

  it('lets a newer barrier supersede an alignment, and ignores an older one', () => {
    const { channels, aligned, alignment } = setup(2);
    alignment.onBarrier(channels[0] as InputChannel, 1, 'CHECKPOINT');
    alignment.onBarrier(channels[1] as InputChannel, 2, 'CHECKPOINT');
    expect(channels.map((c) => c.blocked)).toEqual([false, true]);
    alignment.onBarrier(channels[0] as InputChannel, 1, 'CHECKPOINT');
    alignment.onBarrier(channels[0] as InputChannel, 2, 'CHECKPOINT');
    expect(aligned).toEqual([2]);
  });
});
