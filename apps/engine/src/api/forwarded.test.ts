import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { forwardedView, isForeignOrigin, parseTrustedProxies } from './forwarded.js';

const trusted = parseTrustedProxies(['127.0.0.1', '::1', '10.0.0.0/8']);

/** Just the parts of a request forwardedView reads. */
const request = (remoteAddress: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;

describe('forwardedView', () => {
  it('believes X-Forwarded-* from a trusted proxy, taking the last untrusted hop', () => {
    const view = forwardedView(
      request('::ffff:127.0.0.1', {
        host: 'engine:4100',
        'x-forwarded-for': '198.51.100.7, 203.0.113.5, 10.1.2.3',
        'x-forwarded-host': 'weir.example.com',
        'x-forwarded-proto': 'https',
      }),
      trusted,
    );
    expect(view).toEqual({ address: '203.0.113.5', https: true });
  });

  it('ignores X-Forwarded-* from anyone else', () => {
    const view = forwardedView(
      request('203.0.113.9', {
        host: 'engine:4100',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-host': 'weir.example.com',
        'x-forwarded-proto': 'https',
      }),
      trusted,
    );
    expect(view).toEqual({ address: '203.0.113.9', https: false });
  });
});

describe('isForeignOrigin', () => {
  const allowed = ['https://weir.example.com', 'http://engine:4100'];
  it.each([
    [undefined, false],
    ['https://weir.example.com', false],
    ['http://engine:4100', false],
    ['https://evil.example', true],
    ['https://weir.example.com.evil.example', true],
    ['http://weir.example.com', true],
    ['null', true],
  ])('%s -> %s', (origin, foreign) => {
    expect(isForeignOrigin(origin, allowed)).toBe(foreign);
  });
});
