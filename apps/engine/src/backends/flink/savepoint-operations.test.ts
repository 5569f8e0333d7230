import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { failureCauseInWords } from './flink-errors.js';
import { AsyncOperationSchema, ExecutionResultSchema } from './flink-schemas.js';
import { flinkTriggerId, operationOutcome, savepointDirectory } from './savepoint-operations.js';

// Answers of a real Flink 2.3.0 to savepoint, disposal and execution-result calls (fixtures/).
const outcome = (name: string) => operationOutcome(AsyncOperationSchema.parse(flinkFixture(name)));

describe('flinkTriggerId', () => {
  it("turns any caller's id into the same 32 hex digits every time", () => {
    const id = flinkTriggerId('3f7c1a52-0b0e-4c39-9f0e-3d4f5a6b7c8d');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(flinkTriggerId('3f7c1a52-0b0e-4c39-9f0e-3d4f5a6b7c8d')).toBe(id);
    expect(flinkTriggerId('another')).not.toBe(id);
  });
});

describe('savepointDirectory', () => {
  const url = 'http://flink:8081';

  it("takes Flink 2's key, or 1.20's", () => {
    const two = new Map([['execution.checkpointing.savepoint-dir', 'file:///sp']]);
    expect(savepointDirectory(url, two)).toBe('file:///sp');
    expect(savepointDirectory(url, new Map([['state.savepoints.dir', 's3://b/sp']]))).toBe(
      's3://b/sp',
    );
  });

  it('refuses a cluster without one, naming the setting', () => {
    expect(() => savepointDirectory(url, new Map())).toThrow(
      'the Flink cluster at http://flink:8081 has no savepoint directory: set execution.checkpointing.savepoint-dir (state.savepoints.dir before Flink 1.20) in its configuration',
    );
  });
});

describe('operationOutcome', () => {
  it('reads a savepoint in progress, then durable at its location', () => {
    expect(outcome('savepoint-in-progress')).toEqual({ state: 'IN_PROGRESS' });
    expect(outcome('savepoint-completed')).toEqual({
      state: 'COMPLETED',
      location: 'file:/tmp/weir-flink-lrPaUf/savepoints/savepoint-34cc9b-13c60ab0140f',
    });
    expect(outcome('disposal-completed')).toEqual({ state: 'COMPLETED', location: null });
  });

  it('takes a "COMPLETED" with a failure cause for the failure it is, in words', () => {
    expect(outcome('savepoint-failed')).toEqual({
      state: 'FAILED',
      error: 'Failed to create savepoint directory at file:/proc/weir-nope (IOException)',
    });
    expect(outcome('disposal-failed')).toEqual({
      state: 'FAILED',
      error:
        "Could not dispose savepoint file:/tmp/weir-flink-lrPaUf/savepoints/savepoint-nonexist: Cannot find checkpoint or savepoint file/directory 'file:/tmp/weir-flink-lrPaUf/savepoints/savepoint-nonexist' on file system 'file'. (FileNotFoundException)",
    });
  });
});

describe('failureCauseInWords', () => {
  it("says why a job failed as it started, from its execution result's cause", () => {
    const result = ExecutionResultSchema.parse(flinkFixture('execution-result-failed'));
    const cause = result['job-execution-result']?.['failure-cause'];
    if (!cause) throw new Error('fixture has no failure cause');
    expect(failureCauseInWords(cause)).toBe(
      "Cannot find checkpoint or savepoint file/directory 'file:/tmp/nope-savepoint' on file system 'file'. (FileNotFoundException)",
    );
    expect(failureCauseInWords({ class: 'java.lang.OutOfMemoryError' })).toBe(
      'java.lang.OutOfMemoryError',
    );
  });
});
