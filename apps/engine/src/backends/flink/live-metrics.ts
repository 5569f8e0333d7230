import type { SubtaskMetrics, VertexLoadHistory } from '@weir/contract';
import { LoadHistory } from '../../runtime/load-history.js';
import { hasClock, readingOrder, type SubtaskReading, subtaskMetrics } from './subtask-metrics.js';

/**
 * The load window the console charts, as long as the embedded engine's (300 one-second
 * samples): a Flink cluster refreshes its metrics every 10 s, so here it is kept by age.
 */
export const LOAD_WINDOW_MS = 5 * 60_000;
/** Jobs whose readings are kept; the one read longest ago is forgotten first. */
const JOBS_KEPT = 64;

interface SubtaskSamples {
  previous: SubtaskReading | undefined;
  latest: SubtaskReading;
  /** When `latest` was read (this process's clock). */
  at: number;
}

interface JobSamples {
  subtasks: Map<string, SubtaskSamples>;
  load: LoadHistory;
}

/**
 * The two newest distinct readings of each subtask of the Flink jobs this backend was asked
 * about, for rates from counter deltas, and their load over the recent window. Flink keeps no
 * such history: it is built from the readings taken here, one per job page refresh or load
 * chart call, so it starts when someone first looks.
 */
export class LiveMetrics {
  private readonly jobs = new Map<string, JobSamples>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Takes a reading of a vertex's subtasks; returns their metrics over the newest interval
   * Flink reported. `running`: the vertex runs (otherwise it has no rates).
   */
  record(
    jobId: string,
    vertexId: string,
    readings: SubtaskReading[],
    running: boolean,
  ): SubtaskMetrics[] {
    const job = this.job(jobId);
    const at = this.now();
    return readings.map((latest, index) => {
      if (!hasClock(latest)) return subtaskMetrics(index, latest, undefined, running);
      // Keyed by parallelism too: after a rescale subtask i is a different subtask.
      const key = `${vertexId}/${readings.length}/${index}`;
      const known = job.subtasks.get(key);
      const current = known && at - known.at <= LOAD_WINDOW_MS ? known : undefined;
      const order = current ? readingOrder(current.latest, latest) : 'restarted';
      if (current && order === 'same') {
        return subtaskMetrics(index, current.latest, current.previous, running);
      }
      const samples: SubtaskSamples = {
        previous: order === 'later' ? current?.latest : undefined,
        latest,
        at,
      };
      job.subtasks.set(key, samples);
      const metrics = subtaskMetrics(index, latest, samples.previous, running);
      if (running) job.load.add(vertexId, at, metrics);
      return metrics;
    });
  }

  /** The vertex's load samples of the last `LOAD_WINDOW_MS`, oldest first. */
  loadHistory(jobId: string, vertexId: string, parallelism: number): VertexLoadHistory {
    const history = this.job(jobId).load.of(vertexId, parallelism);
    const since = this.now() - LOAD_WINDOW_MS;
    return {
      vertexId,
      subtasks: history.subtasks.map(({ subtaskIndex, samples }) => ({
        subtaskIndex,
        samples: samples.filter((sample) => sample.at >= since),
      })),
    };
  }

  private job(jobId: string): JobSamples {
    const job = this.jobs.get(jobId) ?? { subtasks: new Map(), load: new LoadHistory() };
    // Re-inserted on every use: the map's first entry is the one used longest ago.
    this.jobs.delete(jobId);
    this.jobs.set(jobId, job);
    if (this.jobs.size > JOBS_KEPT) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }
}
