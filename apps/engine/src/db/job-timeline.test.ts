import type { JobTimelineInput } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { MemoryJobEvents } from '../../testing/memory-job-events.js';
import { createLogger } from '../logging/logger.js';
import type { NewJobEvent } from './job-event-repository.js';
import { JobTimeline } from './job-timeline.js';

const query = (jobId: string): JobTimelineInput => ({ jobId, limit: 100 });

describe('JobTimeline', () => {
  it('writes events in the order they were recorded, even while a write is under way', async () => {
    const store = new MemoryJobEvents();
    const writes: number[] = [];
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow = {
      append: async (events: NewJobEvent[]) => {
        writes.push(events.length);
        await gate;
        await store.append(events);
      },
      list: (q: JobTimelineInput) => store.list(q),
      pruneBefore: (before: Date) => store.pruneBefore(before),
    };
    const timeline = new JobTimeline(slow, 'e1', createLogger('silent'), () => 0);
    timeline.record('job', 'status', 'CREATED → RUNNING');
    await new Promise((resolve) => setImmediate(resolve)); // the first write is under way
    for (let i = 0; i < 5; i++) timeline.record('job', 'exception', `failure ${i}`);
    timeline.record('other', 'status', 'CREATED → RUNNING');
    open();
    const events = (await timeline.list(query('job'))).reverse();
    expect(events.map((e) => e.message)).toEqual([
      'CREATED → RUNNING',
      ...Array.from({ length: 5 }, (_, i) => `failure ${i}`),
    ]);
    expect(events.every((e) => e.instanceId === 'e1')).toBe(true);
    // The first write took the first event; everything recorded meanwhile went in one more.
    expect(writes).toEqual([1, 6]);
  });

  it('drops a batch the store refuses and goes on with the next', async () => {
    const store = new MemoryJobEvents();
    let refuse = true;
    const flaky = {
      append: async (events: NewJobEvent[]) => {
        if (refuse) throw new Error('database down');
        await store.append(events);
      },
      list: (q: JobTimelineInput) => store.list(q),
      pruneBefore: (before: Date) => store.pruneBefore(before),
    };
    const timeline = new JobTimeline(flaky, 'e1', createLogger('silent'), () => 0);
    timeline.record('job', 'status', 'lost');
    await timeline.flushed();
    refuse = false;
    timeline.record('job', 'status', 'kept');
    expect((await timeline.list(query('job'))).map((e) => e.message)).toEqual(['kept']);
  });

  it('prunes events older than the retention', async () => {
    const store = new MemoryJobEvents();
    let now = 0;
    const timeline = new JobTimeline(store, 'e1', createLogger('silent'), () => now);
    timeline.record('job', 'status', 'old');
    now = 10_000;
    timeline.record('job', 'status', 'new');
    await timeline.flushed();
    expect(await timeline.prune(5_000)).toBe(1);
    expect((await timeline.list(query('job'))).map((e) => e.message)).toEqual(['new']);
  });
});
