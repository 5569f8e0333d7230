import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { honestForwardedHeaders } from './forwarded-headers.mjs';

const request = (peer: string, headers: Record<string, string>) =>
  ({ socket: { remoteAddress: peer }, headers: { ...headers } }) as unknown as IncomingMessage;

describe('honestForwardedHeaders', () => {
  it('replaces what a client claims with what the connection shows', () => {
    const req = request('203.0.113.9', {
      host: 'console.example:3000',
      'x-forwarded-for': '7.7.7.7',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      forwarded: 'for=7.7.7.7',
    });
    honestForwardedHeaders(req, []);
    expect(req.headers).toEqual({
      host: 'console.example:3000',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'console.example:3000',
      'x-forwarded-proto': 'http',
    });
  });

  it('passes on what a trusted proxy in front says, adding that proxy', () => {
    const req = request('10.0.0.2', {
      host: 'console.internal',
      'x-forwarded-for': '198.51.100.4',
      'x-forwarded-host': 'weir.example',
      'x-forwarded-proto': 'https',
    });
    honestForwardedHeaders(req, ['10.0.0.2']);
    expect(req.headers).toMatchObject({
      'x-forwarded-for': '198.51.100.4, 10.0.0.2',
      'x-forwarded-host': 'weir.example',
      'x-forwarded-proto': 'https',
    });
  });
});
