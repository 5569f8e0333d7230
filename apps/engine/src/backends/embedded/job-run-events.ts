import type { JobException, JobStatus, SnapshotKind } from '@weir/contract';
import type { JobTimeline } from '../../db/job-timeline.js';
import type { CompletedSnapshot } from '../../runtime/job-master.js';

/** How many failures the exceptions tab shows: as many as a job master keeps in memory. */
const EXCEPTIONS_SHOWN = 100;

/**
 * What a running job tells its timeline: one function per job master hook, each writing the
 * event in the words the console shows.
 */
export function jobRunEvents(timeline: JobTimeline, jobId: string) {
  return {
    statusChanged: (status: JobStatus, from: JobStatus) =>
      timeline.record(jobId, 'status', `${from} → ${status}`),
    exception: ({ message, vertexId, subtaskIndex, stack }: JobException) =>
      timeline.record(jobId, 'exception', message, { vertexId, subtaskIndex, stack }),
    snapshotCompleted: (snapshot: CompletedSnapshot) => {
      if (snapshot.kind === 'SAVEPOINT')
        timeline.record(
          jobId,
          'savepoint',
          `savepoint ${snapshot.checkpointId} completed: ${snapshot.path}`,
        );
    },
    snapshotFailed: (kind: SnapshotKind, reason: string) => {
      const what = kind === 'SAVEPOINT' ? 'savepoint' : 'checkpoint';
      timeline.record(jobId, what, `${what} failed: ${reason}`);
    },
  };
}

/** The job's failures, newest first, from its timeline (so from before a failover too). */
export async function exceptionsOf(timeline: JobTimeline, jobId: string): Promise<JobException[]> {
  const events = await timeline.list({ jobId, kinds: ['exception'], limit: EXCEPTIONS_SHOWN });
  return events.map(({ at, vertexId, subtaskIndex, message, stack }) => ({
    at,
    vertexId,
    subtaskIndex,
    message,
    stack,
  }));
}
