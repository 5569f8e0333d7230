import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { FINAL_SNAPSHOT, type OperatorState } from '../core/operator.js';
import { FileSink, type FileSinkState } from './file-sink.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-file-sink-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The lease of a leader that still leads, and of one paused past it. */
const leading = () => true;
const deposed = () => false;

/** The lines a snapshot still owes the file. */
const owed = (state: OperatorState) => (state.operator as FileSinkState[]).flatMap((s) => s.lines);

const lines = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

describe('FileSink', () => {
  it('writes a checkpoint’s lines only once it completes, and keeps unwritten lines in later snapshots', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.processElement({ n: 1 }, 0, undefined, -1);
    expect(owed(sink.snapshotState(1))).toEqual(['{"n":1}']);
    sink.processElement({ n: 2 }, 0, undefined, -1);
    // Checkpoint 1 completed but its lines are not appended yet: checkpoint 2 must carry them.
    expect(owed(sink.snapshotState(2))).toEqual(['{"n":1}', '{"n":2}']);
    expect(await lines(file)).toEqual([]);
    await sink.notifyCheckpointComplete(1, leading);
    expect(await lines(file)).toEqual(['{"n":1}']);
    expect(owed(sink.snapshotState(3))).toEqual(['{"n":2}']);
    await sink.notifyCheckpointComplete(3, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('writes a finished subtask’s last lines only with a checkpoint newer than any it snapshotted', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.restoreState({
      operator: [{ file, committedBytes: 0, lines: ['{"n":1}'] } satisfies FileSinkState],
    });
    sink.processElement({ n: 2 }, 0, undefined, -1);
    sink.snapshotState(5);
    sink.processElement({ n: 3 }, 0, undefined, -1);
    // The input ends: the final state carries everything not yet written, and nothing is.
    expect(owed(sink.snapshotState(FINAL_SNAPSHOT))).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(await lines(file)).toEqual([]);
    // Checkpoint 5 was taken before the end: it covers its own lines, not the last one.
    await sink.notifyCheckpointComplete(5, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
    // Checkpoint 6 holds the final state (the job's final checkpoint).
    await sink.notifyCheckpointComplete(6, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(owed(sink.snapshotState(FINAL_SNAPSHOT))).toEqual([]);
  });

  it('writes nothing once its lease has ended, and keeps the lines for whoever commits next', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.processElement({ n: 1 }, 0, undefined, -1);
    sink.snapshotState(1);
    await sink.notifyCheckpointComplete(1, deposed);
    expect(await lines(file)).toEqual([]);
    // Still in state: a successor restoring checkpoint 2 writes them.
    sink.processElement({ n: 2 }, 0, undefined, -1);
    expect(owed(sink.snapshotState(2))).toEqual(['{"n":1}', '{"n":2}']);
    // Or this instance, if it was paused but not replaced, with its next completed checkpoint.
    await sink.notifyCheckpointComplete(2, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
  });
});

describe('FileSink committed length', () => {
  it('takes snapshots during a write that each restore to every line exactly once', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.processElement({ n: 1 }, 0, undefined, -1);
    sink.snapshotState(1);
    // The engine takes the next barrier whenever it arrives: here at every turn of the event
    // loop while checkpoint 1's lines are being written.
    const snapshots: OperatorState[] = [];
    let written = false;
    const writing = sink.notifyCheckpointComplete(1, leading).then(() => {
      written = true;
    });
    for (let id = 2; !written; id++) {
      snapshots.push(sink.snapshotState(id));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writing;
    expect(snapshots.length).toBeGreaterThan(2);
    const original = await readFile(file);
    for (const snapshot of snapshots) {
      await writeFile(file, original);
      const restored = new OperatorHarness(new FileSink(file)).operator;
      restored.restoreState(snapshot);
      restored.snapshotState(100);
      await restored.notifyCheckpointComplete(100, leading);
      expect(await lines(file)).toEqual(['{"n":1}']);
    }
  });

  it('records the bytes written so far, and a restore cuts the file back to them before writing', async () => {
    const file = path.join(dir, 'out.jsonl');
    const first = new OperatorHarness(new FileSink(file)).operator;
    first.processElement({ n: 1 }, 0, undefined, -1);
    first.snapshotState(1);
    await first.notifyCheckpointComplete(1, leading);
    first.processElement({ n: 2 }, 0, undefined, -1);
    const checkpoint2 = first.snapshotState(2);
    expect(checkpoint2.operator).toEqual([
      { file, committedBytes: '{"n":1}\n'.length, lines: ['{"n":2}'] },
    ]);
    await first.notifyCheckpointComplete(2, leading); // written, then the process dies
    const second = new OperatorHarness(new FileSink(file)).operator;
    second.restoreState(checkpoint2);
    second.snapshotState(3);
    await second.notifyCheckpointComplete(3, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('writes lines owed to another path to its own file, leaving the other untouched', async () => {
    const old = path.join(dir, 'old.jsonl');
    await writeFile(old, 'kept\nalso kept\n');
    const file = path.join(dir, 'new.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.restoreState({ operator: [{ file: old, committedBytes: 5, lines: ['{"n":1}'] }] });
    sink.snapshotState(1);
    await sink.notifyCheckpointComplete(1, leading);
    expect(await lines(old)).toEqual(['kept', 'also kept']);
    expect(await lines(file)).toEqual(['{"n":1}']);
  });

  it('writes on from the end of a file rotated away under it', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.processElement({ n: 1 }, 0, undefined, -1);
    sink.snapshotState(1);
    await sink.notifyCheckpointComplete(1, leading);
    await rename(file, `${file}.1`);
    sink.processElement({ n: 2 }, 0, undefined, -1);
    sink.snapshotState(2);
    await sink.notifyCheckpointComplete(2, leading);
    expect(await lines(file)).toEqual(['{"n":2}']);
    expect(owed(sink.snapshotState(3))).toEqual([]);
    expect((sink.snapshotState(4).operator as FileSinkState[])[0]?.committedBytes).toBe(8);
  });

  it('restores lines from checkpoints taken before committed lengths were recorded', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.restoreState({ operator: ['{"n":1}'] });
    sink.snapshotState(1);
    await sink.notifyCheckpointComplete(1, leading);
    expect(await lines(file)).toEqual(['{"n":1}']);
  });
});
