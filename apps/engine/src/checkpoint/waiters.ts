/** Someone waiting on a promise that is settled later, by whoever gets the outcome. */
export type Waiter<T> = { resolve: (value: T) => void; reject: (error: Error) => void };

/** Settles every waiter taken out of `waiters` (the array is emptied: each is settled once). */
export function resolveAll<T>(waiters: Waiter<T>[], value: T): void {
  for (const waiter of waiters.splice(0)) waiter.resolve(value);
}

export function rejectAll<T>(waiters: Waiter<T>[], error: Error): void {
  for (const waiter of waiters.splice(0)) waiter.reject(error);
}
