import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../testing/operator-harness.js';
import { LogSink } from './log-sink.js';

describe('LogSink', () => {
  it('logs at most maxPerSecond records a second and reports how many it skipped', () => {
    const lines: Array<{ fields: object; message: string }> = [];
    const h = new OperatorHarness(new LogSink({ level: 'info', maxPerSecond: 2 }));
    const logger = { info: (fields: object, message: string) => lines.push({ fields, message }) };
    // The harness logger is silent; capture through the context the sink was opened with.
    h.operator.open({ ...(h.operator as unknown as { ctx: object }).ctx, logger } as never);
    for (let i = 0; i < 5; i++) h.operator.processElement({ i });
    h.advanceTo(1000);
    h.operator.processElement({ i: 5 });
    expect(lines).toEqual([
      { fields: { record: { i: 0 } }, message: 'record' },
      { fields: { record: { i: 1 } }, message: 'record' },
      { fields: { suppressed: 3 }, message: 'records not logged (rate limit)' },
      { fields: { record: { i: 5 } }, message: 'record' },
    ]);
  });
});
