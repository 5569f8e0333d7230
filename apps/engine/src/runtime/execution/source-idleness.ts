import type { SubtaskOutputs } from './subtask-outputs.js';

/**
 * A source subtask that emitted nothing for `timeoutMs` marks its outputs idle, so downstream
 * operators stop waiting for its watermark; its next record wakes them again.
 */
export class SourceIdleness {
  private idle = false;
  private lastEmitAt = 0;

  constructor(
    private readonly timeoutMs: number | undefined,
    private readonly outputs: SubtaskOutputs,
  ) {}

  /** The subtask starts: quiet time counts from now. */
  reset(now: number): void {
    this.lastEmitAt = now;
  }

  /** After a source step that emitted `emitted` records; `watermark` is the subtask's current one. */
  track(emitted: number, now: number, watermark: number): void {
    if (this.timeoutMs === undefined) return;
    if (emitted > 0) {
      this.lastEmitAt = now;
      if (this.idle) {
        this.idle = false;
        // Receivers un-idle a channel on its next watermark; re-send the current one now.
        this.outputs.watermark(watermark);
      }
      return;
    }
    if (!this.idle && now - this.lastEmitAt >= this.timeoutMs) {
      this.idle = true;
      this.outputs.idle();
    }
  }
}
