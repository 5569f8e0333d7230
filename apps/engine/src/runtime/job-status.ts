import type { JobStatus } from '@weir/contract';

/**
 * Whitelisted public status changes; anything else is a bug and throws. Lifecycle states
 * (`lifecycle/states.ts`) that share a status, such as running and finishing, move without a
 * change here. A failure while deploying fails over like one while running, and work of a
 * state that throws fails the job from wherever it was.
 */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  CREATED: ['RUNNING', 'FAILING', 'CANCELED', 'FAILED', 'SUSPENDED'],
  RUNNING: ['FAILING', 'CANCELLING', 'FINISHED', 'FAILED', 'SUSPENDED'],
  FAILING: ['RESTARTING', 'FAILED', 'CANCELED', 'SUSPENDED'],
  RESTARTING: ['RUNNING', 'FAILING', 'CANCELED', 'FAILED', 'SUSPENDED'],
  CANCELLING: ['CANCELED', 'FAILED'],
  CANCELED: [],
  FINISHED: [],
  FAILED: [],
  SUSPENDED: [],
};

export const isTerminal = (status: JobStatus) => TRANSITIONS[status].length === 0;

export class JobStatusMachine {
  private current: JobStatus = 'CREATED';

  constructor(private readonly onChange: (from: JobStatus, to: JobStatus) => void = () => {}) {}

  get status(): JobStatus {
    return this.current;
  }

  transition(to: JobStatus): void {
    const from = this.current;
    if (!TRANSITIONS[from].includes(to)) throw new Error(`illegal job transition ${from} -> ${to}`);
    this.current = to;
    this.onChange(from, to);
  }
}
