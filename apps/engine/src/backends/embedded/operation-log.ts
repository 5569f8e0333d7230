import { randomUUID } from 'node:crypto';
import type { JobOperation } from '@weir/contract';
import { conflict, notFound } from '../../errors/weir-error.js';

/** How many finished operations stay queryable. */
const KEPT = 200;

/**
 * Restores and rescales run longer than an HTTP call should wait: each is started here,
 * answers at once with an id, and reports its phases until it succeeds or fails. One
 * operation per job at a time, so two rescales cannot interleave.
 */
export class OperationLog {
  private readonly operations = new Map<string, JobOperation>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Hears each operation as it starts and as it ends. */
    private readonly onChange: (operation: JobOperation) => void = () => {},
  ) {}

  async run(
    jobId: string,
    kind: JobOperation['kind'],
    work: (
      phase: (name: string) => void,
    ) => Promise<{ snapshotPath: string | null; resultJobId?: string }>,
  ): Promise<JobOperation> {
    const busy = [...this.operations.values()].find(
      (op) => op.jobId === jobId && op.status === 'RUNNING',
    );
    if (busy) throw conflict(`job ${jobId} is busy with ${busy.kind} ${busy.id} (${busy.phase})`);
    const at = () => new Date(this.now()).toISOString();
    const operation: JobOperation = {
      id: randomUUID(),
      jobId,
      kind,
      status: 'RUNNING',
      phase: 'STARTING',
      phases: [{ phase: 'STARTING', at: at() }],
      startedAt: at(),
      finishedAt: null,
      error: null,
      snapshotPath: null,
    };
    this.operations.set(operation.id, operation);
    this.forgetOld();
    this.onChange(structuredClone(operation));
    const phase = (name: string) => {
      operation.phase = name;
      operation.phases.push({ phase: name, at: at() });
    };
    void work(phase).then(
      ({ snapshotPath, resultJobId }) => {
        operation.snapshotPath = snapshotPath;
        if (resultJobId !== undefined && resultJobId !== jobId) operation.resultJobId = resultJobId;
        operation.status = 'SUCCEEDED';
        operation.finishedAt = at();
        phase('DONE');
        this.onChange(structuredClone(operation));
      },
      (error: Error) => {
        operation.status = 'FAILED';
        operation.error = error.message;
        operation.finishedAt = at();
        this.onChange(structuredClone(operation));
      },
    );
    return structuredClone(operation);
  }

  get(id: string): JobOperation {
    const operation = this.operations.get(id);
    if (!operation) throw notFound(`operation ${id}`);
    return structuredClone(operation);
  }

  /** Newest first. */
  ofJob(jobId: string): JobOperation[] {
    return [...this.operations.values()]
      .filter((op) => op.jobId === jobId)
      .reverse()
      .map((op) => structuredClone(op));
  }

  private forgetOld(): void {
    const finished = [...this.operations.values()].filter((op) => op.status !== 'RUNNING');
    for (const op of finished.slice(0, Math.max(0, finished.length - KEPT)))
      this.operations.delete(op.id);
  }
}

/** An operation's line in the job's timeline. */
export function operationEvent(operation: JobOperation): string {
  const { kind, status, error, snapshotPath } = operation;
  if (status === 'RUNNING') return `${kind} started`;
  if (status === 'FAILED') return `${kind} failed: ${error}`;
  return snapshotPath ? `${kind} succeeded (${snapshotPath})` : `${kind} succeeded`;
}
