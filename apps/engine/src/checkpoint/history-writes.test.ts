import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryHistory } from '../../testing/memory-history.js';
import { HistoryWrites } from './history-writes.js';

/** A history whose inserts land only when the test lets them. */
class SlowInserts extends MemoryHistory {
  private readonly held: Array<() => void> = [];

  override recordTriggered(event: Parameters<MemoryHistory['recordTriggered']>[0]) {
    return new Promise<void>((resolve) => {
      this.held.push(() => resolve(super.recordTriggered(event)));
    });
  }

  landInserts(): void {
    for (const land of this.held.splice(0)) land();
  }
}

const written = {
  kind: 'CHECKPOINT' as const,
  checkpointId: 7,
  completedAt: new Date(2000),
  durationMs: 5,
  sizeBytes: 10,
  path: '/chk-7',
};

describe('HistoryWrites', () => {
  it("updates a snapshot's row only once its insert has landed", async () => {
    const history = new SlowInserts();
    const writes = new HistoryWrites(history, pino({ level: 'silent' }), 'job');
    const inserted = writes.triggered('CHECKPOINT', 7, new Date(1000));
    const completed = writes.completed(inserted, written);
    const failedToo = writes.failed(writes.triggered('CHECKPOINT', 8, new Date(1500)), {
      kind: 'CHECKPOINT',
      checkpointId: 8,
      reason: 'TIMEOUT',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(history.rows).toEqual([]); // nothing inserted yet, so nothing updated either
    history.landInserts();
    await Promise.all([completed, failedToo]);
    expect(history.rows.map((r) => [r.checkpointId, r.status])).toEqual([
      [7, 'COMPLETED'],
      [8, 'FAILED'],
    ]);
  });

  it('logs a write that fails instead of throwing it', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const writes = new HistoryWrites(new MemoryHistory(), logger, 'job');
    // No trigger was recorded: the update finds no row.
    await expect(writes.completed(Promise.resolve(), written)).resolves.toBeUndefined();
    expect(logged.join('')).toContain("could not record the snapshot's completion in its history");
  });
});
