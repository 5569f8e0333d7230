import type { AggregateKind, WindowConfig } from '@weir/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../testing/operator-harness.js';
import { keyGroupOf, keyGroupRange } from '../../core/key-groups.js';
import { MAX_WATERMARK, MIN_WATERMARK, type OperatorState } from '../../core/operator.js';
import { createWindowOperator } from './create-window-operator.js';
import type { WindowResultRecord } from './window-operator.js';

/**
 * The operator against the obvious computation: windows as plain lists of values, every step
 * scanning everything. Both see the same records and bounded-out-of-orderness watermarks,
 * with records late enough to be dropped; what each step emits must be the same.
 */
interface RefWindow {
  key: string;
  start: number;
  end: number;
  values: number[];
  dirty: boolean;
}

interface Event {
  user: string;
  ts: number;
  v: number;
}

function aggregate(kind: AggregateKind, values: number[]): number {
  const sum = values.reduce((a, b) => a + b, 0);
  switch (kind) {
    case 'count':
      return values.length;
    case 'sum':
      return sum;
    case 'avg':
      return sum / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'distinct-count':
      return new Set(values).size;
  }
}

class Reference {
  windows: RefWindow[] = [];
  watermark = MIN_WATERMARK;
  late: Event[] = [];
  emitted: WindowResultRecord[] = [];

  constructor(private readonly config: WindowConfig) {}

  private emit(w: RefWindow): void {
    w.dirty = false;
    this.emitted.push({
      key: w.key,
      windowStart: w.start,
      windowEnd: w.end,
      value: aggregate(this.config.aggregate.kind, w.values),
      count: w.values.length,
    });
  }

  private isLate(end: number): boolean {
    return end - 1 + this.config.allowedLatenessMs <= this.watermark;
  }

  private touched(w: RefWindow): void {
    if (w.end - 1 <= this.watermark) this.emit(w);
    else w.dirty = true;
  }

  record(e: Event): void {
    const spec = this.config.window;
    if (spec.kind === 'session') {
      this.session(e, spec.gapMs);
      return;
    }
    const slide = spec.kind === 'sliding' ? spec.slideMs : spec.sizeMs;
    let accepted = false;
    for (let k = Math.floor((e.ts - spec.sizeMs) / slide); k <= Math.floor(e.ts / slide); k++) {
      const start = k * slide;
      const end = start + spec.sizeMs;
      if (e.ts < start || e.ts >= end || this.isLate(end)) continue;
      accepted = true;
      let w = this.windows.find((x) => x.key === e.user && x.start === start);
      if (!w) {
        w = { key: e.user, start, end, values: [], dirty: true };
        this.windows.push(w);
      }
      w.values.push(e.v);
      this.touched(w);
    }
    if (!accepted) this.late.push(e);
  }

  private session(e: Event, gap: number): void {
    const start = e.ts;
    const end = e.ts + gap;
    const overlapping = this.windows.filter(
      (w) => w.key === e.user && w.start <= end && w.end >= start,
    );
    if (overlapping.length === 0 && this.isLate(end)) {
      this.late.push(e);
      return;
    }
    this.windows = this.windows.filter((w) => !overlapping.includes(w));
    const merged: RefWindow = {
      key: e.user,
      start: Math.min(start, ...overlapping.map((w) => w.start)),
      end: Math.max(end, ...overlapping.map((w) => w.end)),
      values: [...overlapping.flatMap((w) => w.values), e.v],
      dirty: true,
    };
    this.windows.push(merged);
    this.touched(merged);
  }

  advance(watermark: number): void {
    this.watermark = watermark;
    for (const w of this.windows) if (w.dirty && w.end - 1 <= watermark) this.emit(w);
    this.windows = this.windows.filter((w) => !this.isLate(w.end));
  }
}

const MAX_PARALLELISM = 128;
const byStep = (results: unknown[]) =>
  (results as WindowResultRecord[]).map((r) => JSON.stringify(r)).sort();

/** Runs the operator and the reference in lockstep; at `rescaleAt` the operator's state moves to two new subtasks. */
function compare(config: WindowConfig, events: Event[], bound: number, rescaleAt: number) {
  const reference = new Reference(config);
  let subtasks = [
    new OperatorHarness(createWindowOperator(config), { maxParallelism: MAX_PARALLELISM }),
  ];
  let maxTs = MIN_WATERMARK;
  const drain = () => byStep(subtasks.flatMap((h) => h.drain()));
  const late = () => subtasks.flatMap((h) => h.sideOutputs.get('late') ?? []);
  let lateBefore: unknown[] = [];
  const watermark = (wm: number) => {
    for (const h of subtasks) h.operator.processWatermark(wm);
    reference.advance(wm);
    expect(drain()).toEqual(byStep(reference.emitted.splice(0)));
  };
  events.forEach((e, i) => {
    if (i === rescaleAt) {
      const state = JSON.parse(
        JSON.stringify(subtasks[0]?.operator.snapshotState()),
      ) as OperatorState;
      lateBefore = late();
      subtasks = [0, 1].map((index) => {
        const [lo, hi] = keyGroupRange(index, 2, MAX_PARALLELISM);
        const h = new OperatorHarness(createWindowOperator(config), {
          subtaskIndex: index,
          parallelism: 2,
          maxParallelism: MAX_PARALLELISM,
        });
        h.operator.restoreState({ keyed: (state.keyed ?? []).filter(([g]) => g >= lo && g <= hi) });
        // A restored operator waits for the next watermark; the runtime sends the current one.
        h.operator.processWatermark(reference.watermark);
        return h;
      });
    }
    if (subtasks.length === 1) {
      subtasks[0]?.operator.processElement(e, 0, undefined, -1);
    } else {
      const group = keyGroupOf(e.user, MAX_PARALLELISM);
      const owner = group < keyGroupRange(1, 2, MAX_PARALLELISM)[0] ? 0 : 1;
      subtasks[owner]?.operator.processElement(e, 0, e.user, group);
    }
    reference.record(e);
    expect(drain()).toEqual(byStep(reference.emitted.splice(0)));
    maxTs = Math.max(maxTs, e.ts);
    watermark(Math.max(reference.watermark, maxTs - bound - 1));
  });
  watermark(MAX_WATERMARK);
  // Subtasks each keep their own late output, so compare as sets of records.
  expect(byStep([...lateBefore, ...late()])).toEqual(byStep(reference.late));
  expect(subtasks.every((h) => (h.operator.snapshotState().keyed ?? []).length === 0)).toBe(true);
}

const events = fc.array(
  fc.record({
    user: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    ts: fc.integer({ min: 0, max: 300 }),
    v: fc.integer({ min: -5, max: 9 }),
  }),
  { maxLength: 120 },
);
const aggregates = fc.constantFrom<AggregateKind>(
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'distinct-count',
);
const base = {
  aggregate: aggregates,
  bound: fc.integer({ min: 0, max: 40 }),
  lateness: fc.integer({ min: 0, max: 30 }),
  events,
  rescaleAt: fc.integer({ min: 0, max: 150 }),
};

function check(window: fc.Arbitrary<WindowConfig['window']>) {
  fc.assert(
    fc.property(
      fc.record({ ...base, window }),
      ({ aggregate, bound, lateness, events, rescaleAt, window }) => {
        const config: WindowConfig = {
          keyField: 'user',
          timeField: 'ts',
          window,
          aggregate: { kind: aggregate, ...(aggregate === 'count' ? {} : { field: 'v' }) },
          allowedLatenessMs: lateness,
        };
        compare(config, events, bound, rescaleAt);
      },
    ),
    { numRuns: 300 },
  );
}

describe('window operators against a reference computation (property)', () => {
  it('tumbling windows', () => {
    check(
      fc.record({
        kind: fc.constant('tumbling' as const),
        sizeMs: fc.integer({ min: 1, max: 60 }),
      }),
    );
  });

  it('sliding windows', () => {
    check(
      fc
        .tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }))
        .map(([slideMs, factor]) => ({
          kind: 'sliding' as const,
          sizeMs: slideMs * factor + (factor > 2 ? 3 : 0),
          slideMs,
        })),
    );
  });

  it('session windows', () => {
    check(
      fc.record({ kind: fc.constant('session' as const), gapMs: fc.integer({ min: 1, max: 40 }) }),
    );
  });
});
