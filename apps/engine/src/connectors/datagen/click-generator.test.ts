import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClickLines, clickEventAt, clickLineAt } from './click-generator.js';

describe('clickLineAt', () => {
  it('writes exactly JSON.stringify of the event, or the truncated line for a malformed one', () => {
    const options = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      ratePerSecond: fc.integer({ min: 1, max: 10_000_000 }),
      users: fc.integer({ min: 1, max: 1_000_000 }),
      pages: fc.integer({ min: 1, max: 1000 }),
      malformedRatio: fc.constantFrom(0, 0.01, 0.5),
      maxOutOfOrdernessMs: fc.integer({ min: 0, max: 100_000 }),
      startTime: fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
    });
    fc.assert(
      fc.property(options, fc.nat(), (opts, index) => {
        const event = clickEventAt(opts, index);
        const line = clickLineAt(opts, index);
        if (line.endsWith('"page":')) expect(line).toBe(`{"user":"${event.user}","page":`);
        else expect(line).toBe(JSON.stringify(event));
      }),
      { numRuns: 5000 },
    );
  });

  it('ClickLines writes the same lines, table or not', () => {
    const options = fc.record({
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      ratePerSecond: fc.integer({ min: 1, max: 10_000_000 }),
      users: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 300_000 })),
      pages: fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 300_000 })),
      malformedRatio: fc.constantFrom(0, 0, 0.5),
      maxOutOfOrdernessMs: fc.integer({ min: 0, max: 100_000 }),
      startTime: fc.integer({ min: -(2 ** 45), max: 2 ** 45 }),
    });
    fc.assert(
      fc.property(options, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (opts, indices) => {
        const lines = new ClickLines(opts);
        // Twice: the second time from the pieces the first one made.
        for (const index of [...indices, ...indices])
          expect(lines.at(index)).toBe(clickLineAt(opts, index));
      }),
      { numRuns: 1000 },
    );
  });
});
