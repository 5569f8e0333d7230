import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv6 } from 'node:net';

/** Parses "127.0.0.1, ::1, 10.0.0.0/8" into the set of proxies whose X-Forwarded-* we believe. */
export function parseTrustedProxies(list: readonly string[]): BlockList {
  const trusted = new BlockList();
  for (const entry of list) {
    const [address = '', prefix] = entry.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(prefix), type);
  }
  return trusted;
}

const isTrusted = (trusted: BlockList, address: string) =>
  trusted.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/**
 * What the client sent, seen through trusted proxies only (the console's server is one):
 * the address is the right-most X-Forwarded-For entry that is not itself a trusted proxy,
 * and Host/proto come from X-Forwarded-Host/-Proto. From anyone else those headers could
 * be made up, so they are ignored.
 */
export function forwardedView(req: IncomingMessage, trusted: BlockList) {
  const peer = req.socket.remoteAddress ?? null;
  const viaProxy = peer !== null && isTrusted(trusted, peer);
  let address = peer;
  if (viaProxy) {
    const hops = (header(req, 'x-forwarded-for') ?? '').split(',').map((h) => h.trim());
    for (const hop of hops.reverse().filter(Boolean)) {
      address = hop;
      if (!isTrusted(trusted, hop)) break;
    }
  }
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  return {
    address,
    https: encrypted || (viaProxy && header(req, 'x-forwarded-proto') === 'https'),
  };
}

/**
 * True when the request names an Origin other than the configured ones (the console's public
 * URLs, and the engine's own). Never compared with a Host or X-Forwarded-Host: whoever sends
 * the request chooses those. Requests without Origin (curl, server-side calls) are not
 * cross-site requests; "null" and garbage are opaque origins, never ours.
 */
export function isForeignOrigin(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  return origin !== undefined && !allowedOrigins.includes(origin);
}
