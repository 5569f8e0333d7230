import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { FINAL_SNAPSHOT, type OperatorState } from '../core/operator.js';
import { type WriteAt, writeDurably } from './committed-file.js';
import { FileSink } from './file-sink.js';

/** Every instant of a checkpoint's life at which a process can die. */
const INSTANTS = [
  'before-barrier',
  'after-snapshot',
  'after-complete',
  'during-write',
  'after-write',
] as const;
type Instant = (typeof INSTANTS)[number];

/** The process dies: what it was doing stops, and only files and completed checkpoints remain. */
class Crash extends Error {}

interface Completed {
  id: number;
  /** Records the source had emitted at the barrier: a restore replays from there. */
  consumed: number;
  state: OperatorState;
}

/**
 * The engine around one file sink, reduced to what decides exactly-once: a deterministic
 * source of `records` lines, a checkpoint every `perCheckpoint` records, ids that keep rising
 * across restarts, a restore from the newest completed checkpoint, and the job's final
 * checkpoint once the input ends. `crashes` maps the n-th checkpoint attempt (counting across
 * restarts, from 1) to the instant at which the process dies during it.
 */
async function runWithCrashes(
  file: string,
  records: number,
  perCheckpoint: number,
  crashes: Map<number, Instant>,
): Promise<number> {
  const completed: Completed[] = [];
  let attempt = 0;
  let nextId = 1;
  let restarts = 0;
  for (;;) {
    let dying: Instant | undefined;
    const writeAt: WriteAt = async (handle, bytes, position) => {
      if (dying !== 'during-write') return writeDurably(handle, bytes, position);
      // Half the bytes reach the file, then the process is gone.
      await handle.write(bytes, 0, Math.floor(bytes.length / 2), position);
      throw new Crash();
    };
    const sink = new OperatorHarness(new FileSink(file, writeAt)).operator;
    const from = completed.at(-1);
    if (from) sink.restoreState(from.state);
    let consumed = from?.consumed ?? 0;
    try {
      for (;;) {
        attempt += 1;
        dying = crashes.get(attempt);
        const end = Math.min(records, consumed + perCheckpoint);
        for (; consumed < end; consumed++) sink.processElement({ n: consumed }, 0, undefined, -1);
        const finished = consumed === records;
        if (dying === 'before-barrier') throw new Crash();
        const id = nextId++;
        // A finished subtask's final state is what the job's final checkpoint holds.
        const state = sink.snapshotState(finished ? FINAL_SNAPSHOT : id);
        if (dying === 'after-snapshot') throw new Crash();
        completed.push({ id, consumed, state });
        if (dying === 'after-complete') throw new Crash();
        await sink.notifyCheckpointComplete(id, () => true);
        if (dying === 'after-write') throw new Crash();
        if (finished) return restarts;
      }
    } catch (error) {
      if (!(error instanceof Crash)) throw error;
      restarts += 1;
    }
  }
}

const expectedLines = (records: number) =>
  Array.from({ length: records }, (_, n) => JSON.stringify({ n }));

const linesOf = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weir-file-sink-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FileSink under a crash at any instant of a checkpoint', () => {
  const RECORDS = 20;
  const PER_CHECKPOINT = 3; // 7 checkpoints, the last of them the final one
  const cases = INSTANTS.flatMap((at) =>
    [1, 4, 7].map((attempt) => ({ at, attempt, name: `${at} of checkpoint attempt ${attempt}` })),
  );

  it.each(cases)('crash $name: the file holds every line exactly once', async ({ at, attempt }) => {
    const file = path.join(dir, 'out.jsonl');
    const restarts = await runWithCrashes(file, RECORDS, PER_CHECKPOINT, new Map([[attempt, at]]));
    expect(restarts).toBe(1);
    expect(await linesOf(file)).toEqual(expectedLines(RECORDS));
  });

  it('crashes at random instants, several per run, even during restores, lose and repeat nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(...INSTANTS)), {
          maxLength: 8,
        }),
        async (records, perCheckpoint, schedule) => {
          const file = path.join(dir, `out-${records}-${perCheckpoint}-${schedule.length}.jsonl`);
          await rm(file, { force: true });
          await runWithCrashes(file, records, perCheckpoint, new Map(schedule));
          expect(await linesOf(file)).toEqual(expectedLines(records));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps what the file held before the job first started', async () => {
    const file = path.join(dir, 'out.jsonl');
    await runWithCrashes(file, 5, 2, new Map());
    await runWithCrashes(file, 5, 2, new Map([[2, 'during-write']]));
    expect(await linesOf(file)).toEqual([...expectedLines(5), ...expectedLines(5)]);
  });
});
