import { describe, expect, it } from 'vitest';
import { pollFor } from './poll.js';

describe('pollFor', () => {
  it('answers with the first value the check gives', async () => {
    let calls = 0;
    expect(await pollFor('a value', async () => (++calls === 3 ? 'ready' : undefined), 5_000)).toBe(
      'ready',
    );
    expect(calls).toBe(3);
  });

  it('ends with the error the check throws', async () => {
    await expect(
      pollFor(
        'a value',
        async () => {
          throw new Error('savepoint failed');
        },
        5_000,
      ),
    ).rejects.toThrow('savepoint failed');
  });

  it('gives up after its bound, saying where things stand', async () => {
    const error = await pollFor(
      async () => 'the job to run (it is CREATED)',
      async () => undefined,
      250,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      retriable: true,
      message: 'gave up after 0.25 s waiting for the job to run (it is CREATED)',
    });
  });
});
