import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). The native
 * binding hashes on libuv's thread pool, so a login never stalls the job's event loop.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** 18 random bytes: 24 URL-safe characters, easy to copy, far beyond guessing. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
