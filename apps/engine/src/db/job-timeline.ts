import type { JobEvent, JobEventKind, JobTimelineInput } from '@weir/contract';
import type { Logger } from '../logging/logger.js';
import type { NewJobEvent } from './job-event-repository.js';

/** Where timelines are kept: the database (JobEventRepository), or memory in tests. */
export interface JobEventStore {
  append(events: NewJobEvent[]): Promise<void>;
  /** Newest first. */
  list(query: JobTimelineInput): Promise<JobEvent[]>;
  /** Drops events recorded before `before`; returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** Where an event happened and what it links to, when it says. */
export type JobEventDetail = Partial<
  Pick<JobEvent, 'vertexId' | 'subtaskIndex' | 'stack' | 'auditId'>
>;

/**
 * Records events into jobs' timelines without making the job wait for the database: `record`
 * queues, and one write at a time appends what queued meanwhile, so ids follow the order of
 * `record` calls. A failed write is logged and dropped: the timeline explains the job, it must
 * never stop it. Reads on this instance first wait for its queued writes.
 */
export class JobTimeline {
  private queued: NewJobEvent[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: JobEventStore,
    private readonly instanceId: string,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  record(jobId: string, kind: JobEventKind, message: string, detail: JobEventDetail = {}): void {
    const first = this.queued.length === 0;
    this.queued.push({
      at: new Date(this.now()),
      jobId,
      kind,
      message,
      instanceId: this.instanceId,
      ...detail,
    });
    if (first) this.writing = this.writing.then(() => this.writeQueued());
  }

  private async writeQueued(): Promise<void> {
    const events = this.queued;
    this.queued = [];
    try {
      await this.store.append(events);
    } catch (err) {
      this.logger.error({ err, events: events.length }, 'could not record job events');
    }
  }

  /** Resolves once everything recorded so far is written (or given up). */
  flushed(): Promise<void> {
    return this.writing;
  }

  async list(query: JobTimelineInput): Promise<JobEvent[]> {
    await this.flushed();
    return this.store.list(query);
  }

  /** Drops events older than `maxAgeMs`. */
  async prune(maxAgeMs: number): Promise<number> {
    return this.store.pruneBefore(new Date(this.now() - maxAgeMs));
  }
}
