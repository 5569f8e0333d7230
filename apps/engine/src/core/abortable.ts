/**
 * Waiting that ends when the waiter's state ends. A job lifecycle state owns an
 * AbortController; its work awaits through these, so once the job has left the state the
 * next await throws instead of resuming into a state that is no longer current.
 */

export class StateLeft extends Error {
  constructor() {
    super('the job left the state this work belonged to');
    this.name = 'StateLeft';
  }
}

/** Throws `StateLeft` if `signal` is aborted. */
export function checkNotLeft(signal: AbortSignal): void {
  if (signal.aborted) throw new StateLeft();
}

/**
 * `work`'s outcome, or `StateLeft` as soon as `signal` aborts (at once if it already has).
 * The work itself goes on: what it holds is released by whoever aborted (a run's stop).
 */
export function abortable<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // its outcome no longer matters to anyone
    return Promise.reject(new StateLeft());
  }
  return new Promise<T>((resolve, reject) => {
    const left = () => reject(new StateLeft());
    signal.addEventListener('abort', left, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', left);
        if (signal.aborted) reject(new StateLeft());
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', left);
        reject(signal.aborted ? new StateLeft() : error);
      },
    );
  });
}

/** Resolves after `ms`, or throws `StateLeft` when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const slept = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return abortable(signal, slept);
}
