import { PROCEDURES } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root.js';

describe('procedure metadata', () => {
  it("covers exactly the router's procedures, so a new one must say where it runs", () => {
    // tRPC keeps every procedure under its dotted path here, nested routers flattened.
    const served = Object.keys(appRouter._def.procedures).sort();
    expect(served.length).toBeGreaterThan(0);
    expect(served).toEqual(Object.keys(PROCEDURES).sort());
  });
});
