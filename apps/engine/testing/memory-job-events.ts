import type { JobEvent, JobTimelineInput } from '@weir/contract';
import type { NewJobEvent } from '../src/db/job-event-repository.js';
import { type JobEventStore, JobTimeline } from '../src/db/job-timeline.js';
import { createLogger } from '../src/logging/logger.js';

/** Timelines in memory, for tests that run a backend without a database. */
export class MemoryJobEvents implements JobEventStore {
  readonly events: JobEvent[] = [];

  async append(events: NewJobEvent[]): Promise<void> {
    for (const e of events)
      this.events.push({
        vertexId: null,
        subtaskIndex: null,
        stack: null,
        auditId: null,
        ...e,
        id: this.events.length + 1,
        at: e.at.toISOString(),
      });
  }

  async list(query: JobTimelineInput): Promise<JobEvent[]> {
    return this.events
      .filter(
        (e) =>
          e.jobId === query.jobId &&
          (!query.kinds || query.kinds.includes(e.kind)) &&
          (!query.beforeId || e.id < query.beforeId),
      )
      .reverse()
      .slice(0, query.limit);
  }

  async pruneBefore(before: Date): Promise<number> {
    const kept = this.events.filter((e) => new Date(e.at) >= before);
    const pruned = this.events.length - kept.length;
    this.events.splice(0, this.events.length, ...kept);
    return pruned;
  }
}

/** A timeline kept in memory, recorded as instance `instanceId`. */
export const memoryTimeline = (instanceId = 'test-instance', now: () => number = Date.now) =>
  new JobTimeline(new MemoryJobEvents(), instanceId, createLogger('silent'), now);
