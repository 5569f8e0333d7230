import type { Role } from '@weir/contract';
import type { Repositories, Store } from '../db/store.js';
import type { UserRecord } from '../db/user-repository.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { hashSecret, newSecret } from './secrets.js';
import { VerificationSlots } from './verification-slots.js';

export interface AuthServiceOptions {
  store: Store;
  limiter: LoginRateLimiter;
  sessionTtlMs: number;
  /** Injected so tests can move past a session's expiry without waiting for it. */
  now: () => number;
}

export type PasswordCheck =
  | { ok: true; user: UserRecord }
  | { ok: false; reason: 'invalid-credentials' }
  | { ok: false; reason: 'rate-limited'; retryAfterMs: number };

/** What a request carried; a bearer header, when present, is the only credential looked at. */
export interface Credentials {
  bearer: string | null;
  sessionSecret: string | null;
}

export const TOKEN_PREFIX = 'weir_';
/** How soon to retry a sign-in turned away because too many were being checked at once. */
const BUSY_RETRY_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Passwords, sessions and API tokens: everything that decides who a caller is. */
export class AuthService {
  // A hash to verify against when the username is unknown, so the answer takes as long
  // as for a wrong password and does not reveal which usernames exist.
  private decoy: Promise<string> | undefined;
  /**
   * One hash at a time, at most 32 sign-ins waiting: at 52 wrong sign-ins a second (bench
   * api-load --logins 52, 2 cores) checkpoint p99 went 21 -> 291 ms uncapped, 28 -> 115 ms with
   * two at a time and 19 -> 45 ms with one. A console's sign-ins need no more.
   */
  private readonly slots = new VerificationSlots(1, 32);

  constructor(private readonly options: AuthServiceOptions) {}

  async checkPassword(username: string, password: string, address: string): Promise<PasswordCheck> {
    const { limiter, store } = this.options;
    const attempt = limiter.begin(username, address);
    if (!attempt.allowed)
      return { ok: false, reason: 'rate-limited', retryAfterMs: attempt.retryAfterMs };
    if (attempt.slowdownMs > 0) await sleep(attempt.slowdownMs);

    const checked = await this.slots.run(async () => {
      const user = await store.users.findForLogin(username);
      this.decoy ??= hashPassword(generatePassword());
      const matches = await verifyPassword(user?.passwordHash ?? (await this.decoy), password);
      return user && matches && !user.disabled ? user : null;
    });
    if (checked.busy) return { ok: false, reason: 'rate-limited', retryAfterMs: BUSY_RETRY_MS };
    const user = checked.value;
    if (!user) return { ok: false, reason: 'invalid-credentials' };
    limiter.succeeded(username, address);
    const { passwordHash: _, ...record } = user;
    return { ok: true, user: record };
  }

  /** Returns the cookie's secret; only its hash is stored. Also sweeps expired sessions. */
  async openSession(
    db: Repositories,
    user: UserRecord,
    sourceAddress: string | null,
  ): Promise<{ secret: string; expiresAt: Date }> {
    const now = this.now();
    const secret = newSecret();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs);
    await db.sessions.deleteExpired(now);
    await db.sessions.create({
      id: hashSecret(secret),
      userId: user.id,
      createdAt: now,
      expiresAt,
      sourceAddress,
    });
    return { secret, expiresAt };
  }

  /** Returns the token itself, which exists only in this answer; only its hash is stored. */
  async issueToken(
    db: Repositories,
    input: { name: string; role: Role; createdBy: string; expiresInMs: number | null },
  ) {
    const token = newSecret(TOKEN_PREFIX);
    const now = this.now();
    const { expiresInMs, ...fields } = input;
    const record = await db.tokens.create({
      ...fields,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdAt: now,
      expiresAt: expiresInMs === null ? null : new Date(now.getTime() + expiresInMs),
    });
    return { token, record };
  }

  async authenticate(credentials: Credentials): Promise<Principal | null> {
    const now = this.now();
    const { store } = this.options;
    if (credentials.bearer !== null) {
      const token = await store.tokens.findUsable(hashSecret(credentials.bearer), now);
      return token && { kind: 'token', tokenId: token.id, name: token.name, role: token.role };
    }
    if (credentials.sessionSecret !== null) {
      const session = await store.sessions.findActive(hashSecret(credentials.sessionSecret), now);
      return session && { kind: 'user', ...session };
    }
    return null;
  }

  now(): Date {
    return new Date(this.options.now());
  }
}
