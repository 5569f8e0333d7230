import { describe, expect, it } from 'vitest';
import { flinkFixture } from '../../../testing/flink-fixtures.js';
import { flinkErrorsInWords, flinkResponseError, unreachableError } from './flink-errors.js';

const request = { method: 'GET', path: '/jobs/x', restUrl: 'http://127.0.0.1:8081' };

describe('flinkErrorsInWords', () => {
  it('reads the cause out of a 2.x stack trace entry', () => {
    // The top message ends with the cause's: the cause alone says it.
    expect(flinkErrorsInWords(flinkFixture('bad-id').errors)).toBe(
      'Cannot resolve path parameter (jobid) from value "not-a-job". (HandlerRequestException)',
    );
  });

  it('reads 1.x "<Exception on server side: ...>" entries', () => {
    const errors = [
      'Internal server error.',
      '<Exception on server side:\norg.apache.flink.runtime.rest.NotFoundException: Job abc not found\n\tat a.B.c(B.java:1)\n\nEnd of exception on server side>',
    ];
    expect(flinkErrorsInWords(errors)).toBe('Job abc not found (NotFoundException)');
  });

  it('joins plain messages', () => {
    expect(flinkErrorsInWords(['Not found: /nope'])).toBe('Not found: /nope');
    expect(flinkErrorsInWords([])).toBe('no error message');
  });
});

describe('flinkResponseError', () => {
  it('maps the HTTP status to a code and names the cluster and the call', () => {
    const notFound = flinkResponseError(request, 404, flinkFixture('not-found'));
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', domain: 'user', retriable: false });
    expect(notFound.message).toBe(
      'Flink (http://127.0.0.1:8081) refused GET /jobs/x: Job 0123456789abcdef0123456789abcdef not found: Could not find Flink job (0123456789abcdef0123456789abcdef) (FlinkJobNotFoundException)',
    );
    expect(flinkResponseError(request, 400, flinkFixture('run-error'))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      domain: 'user',
    });
    expect(flinkResponseError(request, 409, { errors: ['busy'] }).code).toBe('CONFLICT');
    expect(flinkResponseError(request, 503, { errors: ['leader'] })).toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
      domain: 'external',
    });
    expect(flinkResponseError(request, 500, { errors: ['boom'] })).toMatchObject({
      code: 'INTERNAL',
      domain: 'external',
    });
  });

  it("copes with a body that is not Flink's", () => {
    expect(flinkResponseError(request, 502, '<html>').message).toBe(
      "Flink (http://127.0.0.1:8081) refused GET /jobs/x: HTTP 502 without Flink's error body",
    );
  });
});

describe('unreachableError', () => {
  it('says why in words: refused, or no answer within the timeout', () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8081' },
    });
    expect(unreachableError(request, refused, 1000)).toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
      message: expect.stringMatching(
        /^Flink cluster at http:\/\/127.0.0.1:8081 is unreachable \(GET \/jobs\/x\): connection refused/,
      ),
    });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(unreachableError(request, timeout, 1000).message).toMatch(/no answer within 1000 ms$/);
  });
});
