import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { chainInWords, throwableChain, traceInWords } from './java-throwable.js';

describe('throwableChain', () => {
  it('reads the thrown exception and each cause of a real Flink trace', () => {
    const [trace] = flinkFixture('run-error').errors as string[];
    expect(throwableChain(trace ?? '')).toEqual([
      {
        className: 'org.apache.flink.runtime.rest.handler.RestHandlerException',
        message: 'Could not execute application.',
      },
      {
        className: 'java.util.concurrent.CompletionException',
        message: 'org.apache.flink.util.FlinkRuntimeException: Could not execute application.',
      },
      {
        className: 'org.apache.flink.util.FlinkRuntimeException',
        message: 'Could not execute application.',
      },
      {
        className: 'org.apache.flink.client.program.ProgramInvocationException',
        message: 'The main method caused an error: --rate must be positive',
      },
      { className: 'java.lang.IllegalArgumentException', message: '--rate must be positive' },
    ]);
  });

  it('keeps a header without a class name as the message', () => {
    expect(throwableChain('something broke\n\tat a.B.c(B.java:1)')).toEqual([
      { className: '', message: 'something broke' },
    ]);
  });
});

describe('chainInWords', () => {
  it("gives the top message and the root cause's", () => {
    const [trace] = flinkFixture('run-error').errors as string[];
    expect(traceInWords(trace ?? '')).toBe(
      'Could not execute application: --rate must be positive (IllegalArgumentException)',
    );
  });

  it('gives one exception as its message and simple name', () => {
    const { entries } = flinkFixture('failing-exceptions').exceptionHistory;
    expect(traceInWords(entries[0].stacktrace)).toBe(
      'injected failure: --fail-after 3000 ms elapsed (IllegalStateException)',
    );
  });

  it('skips wrappers that add nothing: "Recovery is suppressed", CompletionException', () => {
    const trace = [
      'org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy',
      '\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:219)',
      'Caused by: java.io.IOException: disk full',
      '\tat a.B.c(B.java:1)',
    ].join('\n');
    expect(traceInWords(trace)).toBe('disk full (IOException)');
    expect(
      chainInWords([
        { className: 'java.util.concurrent.CompletionException', message: 'x.Y: inner' },
        { className: 'x.Y', message: 'inner' },
      ]),
    ).toBe('inner (Y)');
  });

  it('names the exception when it has no message', () => {
    expect(traceInWords('java.lang.NullPointerException\n\tat a.B.c(B.java:1)')).toBe(
      'NullPointerException',
    );
    expect(chainInWords([])).toBe('no message');
  });
});
