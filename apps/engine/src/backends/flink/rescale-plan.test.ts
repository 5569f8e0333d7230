import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import { JobDetailsSchema, ResourceRequirementsSchema } from './flink-schemas.js';
import {
  rescaleTargets,
  resourceRequirements,
  runsAt,
  schedulerOf,
  wholeJobParallelism,
} from './rescale-plan.js';

// The example job at parallelism 2 (fixtures/job.json) and its resource requirements.
const details = () => JobDetailsSchema.parse(flinkFixture('job'));
const jobId = FIXTURE_IDS.job;
const { source, window } = FIXTURE_IDS;

describe('rescaleTargets', () => {
  it('takes per-vertex parallelism over the job-wide one, else keeps the current', () => {
    expect(rescaleTargets(details(), { jobId, parallelism: 3 })).toEqual(
      new Map([
        [source, 3],
        [window, 3],
      ]),
    );
    expect(rescaleTargets(details(), { jobId, vertexParallelism: { [window]: 4 } })).toEqual(
      new Map([
        [source, 2],
        [window, 4],
      ]),
    );
  });

  it('refuses unknown vertices, more than the max parallelism, and no change', () => {
    expect(() => rescaleTargets(details(), { jobId, vertexParallelism: { nope: 3 } })).toThrow(
      `vertexParallelism: job ${jobId} has no vertex nope (its vertices: ${source}, ${window})`,
    );
    expect(() => rescaleTargets(details(), { jobId, parallelism: 129 })).toThrow(
      'parallelism: vertex "Source: clicks -> parse -> event-time" can run at most 128 subtasks (its max parallelism), not 129',
    );
    expect(() => rescaleTargets(details(), { jobId, parallelism: 2 })).toThrow(
      'the job already runs at that parallelism',
    );
    expect(() => rescaleTargets(details(), { jobId })).toThrow('already runs');
  });
});

describe('resourceRequirements', () => {
  it('sets each upper bound to the target, keeping lower bounds that still fit', () => {
    const current = ResourceRequirementsSchema.parse(flinkFixture('resource-requirements'));
    current[window] = { parallelism: { lowerBound: 2, upperBound: 2 } };
    const targets = new Map([
      [source, 3],
      [window, 1],
    ]);
    expect(resourceRequirements(current, targets)).toEqual({
      [source]: { parallelism: { lowerBound: 1, upperBound: 3 } },
      [window]: { parallelism: { lowerBound: 1, upperBound: 1 } },
    });
  });
});

describe('wholeJobParallelism', () => {
  it('is the one target, or refused when vertices differ', () => {
    expect(
      wholeJobParallelism(
        new Map([
          [source, 3],
          [window, 3],
        ]),
        'Default',
      ),
    ).toBe(3);
    expect(() =>
      wholeJobParallelism(
        new Map([
          [source, 3],
          [window, 2],
        ]),
        'Default',
      ),
    ).toThrow(
      /Flink's Default scheduler, which rescales a job by running it again at one parallelism/,
    );
  });
});

describe('runsAt', () => {
  it('is true once every vertex runs at its target', () => {
    const targets = new Map([
      [source, 2],
      [window, 2],
    ]);
    expect(runsAt(details(), targets)).toBe(true);
    expect(
      runsAt(
        details(),
        new Map([
          [source, 3],
          [window, 3],
        ]),
      ),
    ).toBe(false);
    const deploying = details();
    const [first] = deploying.vertices;
    if (first) first.status = 'DEPLOYING';
    expect(runsAt(deploying, targets)).toBe(false);
  });
});

describe('schedulerOf', () => {
  const settings = (entries: Record<string, string>) => new Map(Object.entries(entries));
  // Flink 1.20's job details: no schedulerType.
  const unnamed = () => {
    const { schedulerType: _, ...rest } = details();
    return rest;
  };

  it("takes the job's own word (2.x)", () => {
    expect(schedulerOf({ ...details(), schedulerType: 'Adaptive' }, settings({}))).toBe('Adaptive');
  });

  it("falls back to the cluster's scheduler for a streaming job (1.20)", () => {
    const adaptive = settings({ 'jobmanager.scheduler': 'adaptive' });
    expect(schedulerOf({ ...unnamed(), 'job-type': 'STREAMING' }, adaptive)).toBe('Adaptive');
    expect(schedulerOf(unnamed(), settings({ 'scheduler-mode': 'REACTIVE' }))).toBe('Adaptive');
    expect(schedulerOf(unnamed(), settings({}))).toBe('Default');
    expect(schedulerOf({ ...unnamed(), 'job-type': 'BATCH' }, adaptive)).toBe('Default');
  });
});
