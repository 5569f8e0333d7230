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

/**
 * The lease a worker hands its sinks with a completed checkpoint. It remembers whether it
 * ever said no, so the worker can ask for a fresh one: a leader paused past its lease but not
 * replaced must still write the checkpoint's output (after a job's final checkpoint, no later
 * checkpoint would).
 */
export class SinkLease {
  /** Whether `mayCommit` has said no at least once. */
  refused = false;

  constructor(private readonly untilMs: number) {}

  readonly mayCommit = (): boolean => {
    if (leaseHolds(this.untilMs)) return true;
    this.refused = true;
    return false;
  };
}
