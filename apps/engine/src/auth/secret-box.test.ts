import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = box.seal('Bearer s3cr3t-token');
    expect(sealed).not.toContain('s3cr3t');
    expect(box.seal('Bearer s3cr3t-token')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('Bearer s3cr3t-token');
  });

  it('refuses a value sealed with another key or altered', () => {
    const sealed = box.seal('Bearer token');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1:${bytes.toString('base64')}`)).toThrow();
  });
});
