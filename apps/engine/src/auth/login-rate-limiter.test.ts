import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

function limiter(maxKeys = 100) {
  let now = 0;
  const limits = new LoginRateLimiter({
    perAddress: { maxFailures: 3, windowMs: 1000 },
    perSource: { maxFailures: 6, windowMs: 1000 },
    perUser: { maxFailures: 5, windowMs: 1000, slowdownMsPerFailure: 100, maxSlowdownMs: 250 },
    maxKeys,
    now: () => now,
  });
  return { limits, advance: (ms: number) => (now += ms) };
}

const attempts = (limits: LoginRateLimiter, n: number, user: string, address: string) =>
  Array.from({ length: n }, () => limits.begin(user, address));

describe('LoginRateLimiter', () => {
  it('counts an attempt before its password is checked, so concurrent guesses cannot all pass', () => {
    const { limits } = limiter();
    // 40 attempts begun before any of them finished checking: only the limit gets through.
    const begun = attempts(limits, 40, 'ann', '10.0.0.1');
    expect(begun.filter((a) => a.allowed)).toHaveLength(3);
  });

  it('blocks a username from one address after the limit, until the window ends', () => {
    const { limits, advance } = limiter();
    attempts(limits, 2, 'ann', '10.0.0.1');
    advance(400);
    expect(limits.begin('ann', '10.0.0.1')).toMatchObject({ allowed: true });
    expect(limits.begin('ann', '10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(limits.begin('ann', '10.0.0.2')).toMatchObject({ allowed: true });
    expect(limits.begin('bob', '10.0.0.1')).toMatchObject({ allowed: true });
    advance(600);
    expect(limits.begin('ann', '10.0.0.1')).toMatchObject({ allowed: true });
  });

  it('limits one address whatever usernames it tries', () => {
    const { limits } = limiter();
    for (let i = 0; i < 6; i += 1) limits.begin(`nobody-${i}`, '10.0.0.1');
    expect(limits.begin('somebody-else', '10.0.0.1')).toMatchObject({ allowed: false });
    expect(limits.begin('somebody-else', '10.0.0.2')).toMatchObject({ allowed: true });
  });

  it('slows one username down across addresses but never refuses a fresh address', () => {
    const { limits } = limiter();
    for (let i = 0; i < 50; i += 1) limits.begin('admin', `10.0.1.${i}`);
    expect(limits.begin('admin', '192.168.0.7')).toEqual({ allowed: true, slowdownMs: 250 });
    const { limits: fresh } = limiter();
    for (let i = 0; i < 4; i += 1) fresh.begin('admin', `10.0.1.${i}`);
    expect(fresh.begin('admin', '192.168.0.7')).toEqual({ allowed: true, slowdownMs: 0 });
    expect(fresh.begin('admin', '192.168.0.8')).toEqual({ allowed: true, slowdownMs: 100 });
  });

  it('takes a correct attempt back and clears its address', () => {
    const { limits } = limiter();
    attempts(limits, 2, 'ann', '10.0.0.1');
    limits.succeeded('ann', '10.0.0.1');
    expect(attempts(limits, 3, 'ann', '10.0.0.1').every((a) => a.allowed)).toBe(true);
  });

  it('keeps at most maxKeys keys per counter, forgetting the oldest', () => {
    const { limits } = limiter(10);
    for (let i = 0; i < 1000; i += 1) limits.begin(`user-${i}`, `10.0.${i >> 8}.${i & 255}`);
    expect(limits.trackedKeys).toBe(30);
    attempts(limits, 3, 'recent', '10.9.9.9');
    expect(limits.begin('recent', '10.9.9.9')).toMatchObject({ allowed: false });
  });
});
