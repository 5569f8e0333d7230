import { JobExceptionSchema } from '@weir/contract';
import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS, flinkFixture } from '../../../testing/flink-fixtures.js';
import { ExceptionsSchema } from './flink-schemas.js';
import { failureMessage, jobExceptions, subtaskIndex } from './job-exceptions.js';

describe('jobExceptions', () => {
  it('lists failures newest first with the cause in words', () => {
    const { entries } = ExceptionsSchema.parse(flinkFixture('failing-exceptions')).exceptionHistory;
    const list = jobExceptions(entries);
    expect(list).toHaveLength(entries.length);
    for (const e of list) expect(JobExceptionSchema.parse(e)).toEqual(e);
    const times = list.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(list[0]).toMatchObject({
      vertexId: null,
      subtaskIndex: null,
      message: 'injected failure: --fail-after 3000 ms elapsed (IllegalStateException)',
    });
    expect(list[0]?.stack).toContain('at dev.weir.examples.clicks.ParseClicks.flatMap');
  });

  it('finds the vertex and subtask of a task failure', () => {
    const entry = {
      exceptionName: 'java.io.IOException',
      stacktrace: 'java.io.IOException: disk full\n\tat a.B.c(B.java:1)',
      timestamp: 1,
      taskName: 'count-per-user -> discard: Writer (2/2)#0',
    };
    expect(subtaskIndex(entry.taskName)).toBe(1);
    expect(
      jobExceptions(
        [entry],
        [{ id: FIXTURE_IDS.window, name: 'count-per-user -> discard: Writer' }],
      )[0],
    ).toMatchObject({
      vertexId: FIXTURE_IDS.window,
      subtaskIndex: 1,
      message: 'disk full (IOException)',
    });
  });

  it('looks past "Recovery is suppressed" to the failure that happened with it', () => {
    const message = failureMessage({
      exceptionName: 'org.apache.flink.runtime.JobException',
      stacktrace:
        'org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy\n\tat a.B.c(B.java:1)',
      timestamp: 2,
      concurrentExceptions: [
        {
          exceptionName: 'java.lang.OutOfMemoryError',
          stacktrace: 'java.lang.OutOfMemoryError: Java heap space\n\tat a.B.c(B.java:1)',
          timestamp: 2,
        },
      ],
    });
    expect(message).toBe('Java heap space (OutOfMemoryError)');
  });
});
