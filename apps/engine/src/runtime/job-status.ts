import type { JobStatus } from '@weir/shared';

/** Whitelisted lifecycle transitions; anything else is a bug and throws. */
const TRANSITIONS: Record<JobStatus, readonly JobStatus[]> = {
  CREATED: ['RUNNING', 'CANCELED', 'FAILED', 'SUSPENDED'],
  RUNNING: ['FAILING', 'CANCELLING', 'FINISHED', 'SUSPENDED', 'RESTARTING'],
  FAILING: ['RESTARTING', 'FAILED', 'CANCELED', 'SUSPENDED'],
  RESTARTING: ['RUNNING', 'CANCELED', 'FAILED', 'SUSPENDED'],
  CANCELLING: ['CANCELED'],
  CANCELED: [],
  FINISHED: [],
  FAILED: [],
  SUSPENDED: ['RUNNING', 'CANCELED'],
};

export const isTerminal = (status: JobStatus) =>
  TRANSITIONS[status].length === 0 || status === 'SUSPENDED';

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
