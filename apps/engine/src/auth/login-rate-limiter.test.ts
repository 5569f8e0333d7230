import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

function limiter(maxKeys = 100) {
  let now = 0;
  const limits = new LoginRateLimiter({
    perAddress: { maxFailures: 3, windowMs: 1000 },
    perUser: { maxFailures: 5, windowMs: 1000 },
    maxKeys,
    now: () => now,
  });
  return { limits, advance: (ms: number) => (now += ms) };
}

const failTimes = (limits: LoginRateLimiter, n: number, user: string, address: string) => {
  for (let i = 0; i < n; i += 1) limits.recordFailure(user, address);
};

describe('LoginRateLimiter', () => {
  it('blocks a username from one address after the limit, until the window ends', () => {
    const { limits, advance } = limiter();
    failTimes(limits, 2, 'ann', '10.0.0.1');
    expect(limits.check('ann', '10.0.0.1')).toEqual({ allowed: true });
    advance(400);
    limits.recordFailure('ann', '10.0.0.1');
    expect(limits.check('ann', '10.0.0.1')).toEqual({ allowed: false, retryAfterMs: 600 });
    expect(limits.check('ann', '10.0.0.2')).toEqual({ allowed: true });
    expect(limits.check('bob', '10.0.0.1')).toEqual({ allowed: true });
    advance(600);
    expect(limits.check('ann', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('caps one username across addresses, which a client can make up', () => {
    const { limits } = limiter();
    for (let i = 0; i < 5; i += 1) limits.recordFailure('ann', `10.0.0.${i}`);
    expect(limits.check('ann', '10.0.0.99')).toMatchObject({ allowed: false });
  });

  it('clears an address after a correct password', () => {
    const { limits } = limiter();
    failTimes(limits, 2, 'ann', '10.0.0.1');
    limits.recordSuccess('ann', '10.0.0.1');
    failTimes(limits, 2, 'ann', '10.0.0.1');
    expect(limits.check('ann', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys keys per counter, forgetting the oldest', () => {
    const { limits } = limiter(10);
    for (let i = 0; i < 1000; i += 1)
      limits.recordFailure(`user-${i}`, `10.0.${i >> 8}.${i & 255}`);
    expect(limits.trackedKeys).toBe(20);
    failTimes(limits, 3, 'recent', '10.9.9.9');
    expect(limits.check('recent', '10.9.9.9')).toMatchObject({ allowed: false });
  });
});
