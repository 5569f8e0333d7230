import { JobPlanSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { JarPlanInfoSchema } from './flink-schemas.js';
import { describedOperators, plannedTopology } from './planned-topology.js';

// A jar's job graph before it runs, from `POST /jars/:id/plan` captured on a real Flink 2.3.0
// (fixtures/README.md), checked against the contract's own schema.
describe('plannedTopology', () => {
  it("maps the example's plan, sources first: its source chain feeding its keyed window by key", () => {
    const { plan } = JarPlanInfoSchema.parse(flinkFixture('jar-plan'));
    const planned = plannedTopology(plan);
    expect(JobPlanSchema.parse(planned)).toEqual(planned);
    expect(planned.jobName).toBe('clicks-per-user');
    const [source, window] = planned.vertices;
    expect(source).toMatchObject({
      name: 'Source: clicks -> parse -> event-time',
      role: 'source',
      operators: ['Source: clicks', 'parse', 'event-time'],
      parallelism: 3,
    });
    expect(window).toMatchObject({
      name: 'Window(TumblingEventTimeWindows(10000), EventTimeTrigger, Count, Emit) -> discard: Writer',
      role: 'sink',
      parallelism: 3,
    });
    expect(planned.edges).toEqual([
      { source: source?.id, target: window?.id, partitioning: 'hash', shipStrategy: 'HASH' },
    ]);
  });
});

describe('describedOperators', () => {
  it("reads the operators of a vertex from Flink's escaped, indented description", () => {
    expect(
      describedOperators('Map&lt;A&gt; &amp; B<br/>+- C&#92;D<br/>   +- E &bogus;<br/>'),
    ).toEqual(['Map<A> & B', 'C\\D', 'E &bogus;']);
    expect(describedOperators('')).toEqual([]);
  });
});
