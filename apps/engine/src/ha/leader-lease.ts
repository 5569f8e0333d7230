/**
 * Milliseconds on the clock every thread of this process shares and that never jumps back
 * (CLOCK_MONOTONIC; it keeps running while the process is stopped). `performance.now()` will
 * not do: each worker thread counts from its own start.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint() / 1_000_000n);

/**
 * Whether a leader's lease, ending at `untilMs` on `monotonicMs`, still holds. A lease comes
 * from a confirmation of leadership (`CheckpointHa.confirmLeading`): until it ends, no other
 * instance can have been elected, so a checkpoint's side effects are still this leader's to
 * make. A process paused (SIGSTOP, a long GC, a frozen VM) past its lease may have been
 * replaced while it slept, and must leave those effects to its successor.
 */
export const leaseHolds = (untilMs: number): boolean => monotonicMs() < untilMs;
