import { describe, expect, it } from 'vitest';
import { REDACTED, redactedFields, redactSecrets } from './redaction.js';

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

describe('redactedFields', () => {
  it('names each secret still holding the placeholder, and nothing else', () => {
    const redacted = redactSecrets({
      operators: [{ uid: 'a', config: { password: 'p', topic: 't' } }, { uid: 'b' }],
      token: 'x',
    });
    expect(redactedFields(redacted)).toEqual(['operators[0].config.password', 'token']);
    expect(redactedFields({ password: 'typed in again', note: REDACTED })).toEqual([]);
    expect(redactedFields(null)).toEqual([]);
  });
});
