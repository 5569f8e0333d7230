import { createHash, randomBytes } from 'node:crypto';

/**
 * Session ids and API tokens are 256 random bits, so a fast hash is enough to store them
 * (a slow one like argon2 only helps for guessable secrets such as passwords), and it lets
 * the engine find the row by its hash.
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
