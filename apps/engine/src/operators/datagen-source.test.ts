import { type DatagenConfig, DatagenConfigSchema } from '@weir/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { clickLineAt } from '../connectors/datagen/click-generator.js';
import { MAX_WATERMARK, type OperatorState } from '../core/operator.js';
import { DatagenSource } from './datagen-source.js';

const config = (overrides: Partial<DatagenConfig>): DatagenConfig =>
  DatagenConfigSchema.parse({
    seed: 3,
    ratePerSecond: 1000,
    throttle: false,
    startTime: 1_000_000,
    maxOutOfOrdernessMs: 20,
    ...overrides,
  });

function subtasks(cfg: DatagenConfig, parallelism: number) {
  return Array.from(
    { length: parallelism },
    (_, subtaskIndex) =>
      new OperatorHarness(new DatagenSource(cfg, () => 0), { subtaskIndex, parallelism }),
  );
}

const expected = (cfg: DatagenConfig) =>
  Array.from({ length: cfg.count ?? 0 }, (_, i) =>
    clickLineAt({ ...cfg, startTime: cfg.startTime as number }, i),
  ).sort();

/** Polls every subtask in turn until all finish, checking each watermark against what follows. */
function drainAll(sources: Array<OperatorHarness<DatagenSource>>, batch: number): unknown[] {
  const out: unknown[] = [];
  for (let round = 0; round < 10_000; round++) {
    let finished = true;
    for (const h of sources) {
      const watermark = h.operator.currentWatermark();
      finished = h.operator.poll(batch, 0).finished && finished;
      for (const line of h.drain()) {
        expect(JSON.parse(line as string).ts).toBeGreaterThan(watermark);
        out.push(line);
      }
    }
    if (finished) return out;
  }
  throw new Error('sources did not finish');
}

describe('DatagenSource with splits', () => {
  it('together, the subtasks emit exactly the single sequence, whatever splits and parallelism (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 40 }),
        (splits, parallelism, count, batch) => {
          const cfg = config({ splits, count });
          expect(drainAll(subtasks(cfg, parallelism), batch).sort()).toEqual(expected(cfg));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('owns the splits s % parallelism == subtask, and has the maximum watermark owning none', () => {
    const [first, , third] = subtasks(config({ splits: 2 }), 3);
    expect(first?.operator.positions()).toEqual({ '0': 0 });
    expect(third?.operator.positions()).toEqual({});
    expect(third?.operator.currentWatermark()).toBe(MAX_WATERMARK);
    expect(third?.operator.poll(10, 0).finished).toBe(true);
    // Before any record: nominal time of record 0 minus the out-of-orderness bound, minus 1.
    expect(first?.operator.currentWatermark()).toBe(1_000_000 - 20 - 1);
  });

  it('continues every split where it stopped after a rescale from 2 to 3 subtasks', () => {
    const cfg = config({ splits: 5, count: 400 });
    const before = subtasks(cfg, 2);
    const out: unknown[] = [];
    for (const h of before) {
      h.operator.poll(37, 0);
      out.push(...h.drain());
    }
    // The runtime deals list-state items out round-robin when the parallelism changes.
    const items = before.flatMap((h) => h.operator.snapshotState().operator ?? []);
    const after = subtasks(cfg, 3);
    after.forEach((h, i) => {
      const state: OperatorState = { keyed: [], operator: items.filter((_, j) => j % 3 === i) };
      h.operator.restoreState(JSON.parse(JSON.stringify(state)));
    });
    out.push(...drainAll(after, 16));
    expect(out.sort()).toEqual(expected(cfg));
  });

  it('paces the whole source to ratePerSecond, each subtask emitting its share', () => {
    const [first, second] = subtasks(config({ splits: 4, throttle: true, ratePerSecond: 1000 }), 2);
    for (const h of [first, second]) h?.operator.poll(10_000, 5_000);
    expect(first?.operator.poll(10_000, 5_100).emitted).toBe(50);
    expect(second?.operator.poll(10_000, 5_100).emitted).toBe(50);
    const idle = first?.operator.poll(10_000, 5_100);
    expect(idle).toMatchObject({ emitted: 0, finished: false });
    expect(idle?.nextDueInMs).toBeGreaterThan(0);
  });

  it('refuses state from a source with more splits', () => {
    const [only] = subtasks(config({ splits: 2 }), 1);
    expect(() =>
      only?.operator.restoreState({ operator: [{ split: 3, next: 3, startTime: 0 }] }),
    ).toThrow(/split 3.*2 splits/);
  });
});
