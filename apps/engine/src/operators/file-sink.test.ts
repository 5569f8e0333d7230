import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINAL_SNAPSHOT } from '../runtime/operator.js';
import { OperatorHarness } from '../testing/operator-harness.js';
import { FileSink } from './file-sink.js';

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

const lines = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

describe('FileSink', () => {
  it('writes a checkpoint’s lines only once it completes, and keeps unwritten lines in later snapshots', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.processElement({ n: 1 }, 0, undefined, -1);
    expect(sink.snapshotState(1).operator).toEqual(['{"n":1}']);
    sink.processElement({ n: 2 }, 0, undefined, -1);
    // Checkpoint 1 completed but its lines are not appended yet: checkpoint 2 must carry them.
    expect(sink.snapshotState(2).operator).toEqual(['{"n":1}', '{"n":2}']);
    expect(await lines(file)).toEqual([]);
    await sink.notifyCheckpointComplete(1, leading);
    expect(await lines(file)).toEqual(['{"n":1}']);
    expect(sink.snapshotState(3).operator).toEqual(['{"n":2}']);
    await sink.notifyCheckpointComplete(3, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
  });

  it('writes a finished subtask’s last lines only with a checkpoint newer than any it snapshotted', async () => {
    const file = path.join(dir, 'out.jsonl');
    const sink = new OperatorHarness(new FileSink(file)).operator;
    sink.restoreState({ operator: ['{"n":1}'] });
    sink.processElement({ n: 2 }, 0, undefined, -1);
    sink.snapshotState(5);
    sink.processElement({ n: 3 }, 0, undefined, -1);
    // The input ends: the final state carries everything not yet written, and nothing is.
    expect(sink.snapshotState(FINAL_SNAPSHOT).operator).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(await lines(file)).toEqual([]);
    // Checkpoint 5 was taken before the end: it covers its own lines, not the last one.
    await sink.notifyCheckpointComplete(5, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
    // Checkpoint 6 holds the final state (the job's final checkpoint).
    await sink.notifyCheckpointComplete(6, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(sink.snapshotState(FINAL_SNAPSHOT).operator).toEqual([]);
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
    expect(sink.snapshotState(2).operator).toEqual(['{"n":1}', '{"n":2}']);
    // Or this instance, if it was paused but not replaced, with its next completed checkpoint.
    await sink.notifyCheckpointComplete(2, leading);
    expect(await lines(file)).toEqual(['{"n":1}', '{"n":2}']);
  });
});
