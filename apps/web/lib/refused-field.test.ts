import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { refusedField } from './refused-field';

const refusal = (message: string) => new TRPCClientError(message);

describe('refusedField', () => {
  it('names the field an engine refusal starts with', () => {
    const error = refusal('restUrl: no Flink cluster answered at http://x:8081: timed out');
    expect(refusedField(error, ['id', 'restUrl'])).toEqual({
      field: 'restUrl',
      message: 'no Flink cluster answered at http://x:8081: timed out',
    });
  });

  it('leaves other errors alone', () => {
    expect(refusedField(refusal('a cluster named x is registered already'), ['id'])).toBeNull();
    expect(refusedField(refusal('cluster x: its header cannot be opened'), ['id'])).toBeNull();
    expect(refusedField(new Error('restUrl: from elsewhere'), ['restUrl'])).toBeNull();
  });
});
