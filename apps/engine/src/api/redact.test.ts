import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    expect(
      redactSecrets({
        username: 'ann',
        password: 'hunter2-hunter2',
        nested: [{ apiToken: 'weir_x', clientSecret: 's', note: 'ok' }],
        count: 3,
      }),
    ).toEqual({
      username: 'ann',
      password: REDACTED,
      nested: [{ apiToken: REDACTED, clientSecret: REDACTED, note: 'ok' }],
      count: 3,
    });
    expect(redactSecrets(undefined)).toBeUndefined();
    expect(redactSecrets('text')).toBe('text');
  });
});
