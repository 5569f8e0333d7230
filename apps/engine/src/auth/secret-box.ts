import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed values start with this, so a later key or algorithm change can be told apart. */
const VERSION = 'v1';

/**
 * Seals short secrets (a Flink cluster's Authorization header) for storage with AES-256-GCM:
 * a database dump alone does not reveal them, and a tampered value fails to open instead of
 * turning into a different secret. The key comes from configuration, never from the database.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** `key`: 32 bytes. */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a secret box key is 32 bytes');
    this.key = key;
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]);
    return `${VERSION}:${sealed.toString('base64')}`;
  }

  /** Throws when `sealed` was made with another key or altered. */
  open(sealed: string): string {
    const [version, data = ''] = sealed.split(':');
    if (version !== VERSION) throw new Error(`unknown sealed secret format "${version}"`);
    const bytes = Buffer.from(data, 'base64');
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
