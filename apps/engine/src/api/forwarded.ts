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
    host: (viaProxy && header(req, 'x-forwarded-host')) || header(req, 'host') || null,
    /** The engine's own Host, which a browser talking to it directly sends as Origin too. */
    directHost: header(req, 'host') ?? null,
    https: encrypted || (viaProxy && header(req, 'x-forwarded-proto') === 'https'),
  };
}

/**
 * True when the request names an Origin that is neither the host the browser addressed
 * (the console through its proxy, or the engine itself) nor one configured as allowed.
 * Requests without Origin (curl, server-side calls) are not cross-site requests.
 */
export function isForeignOrigin(
  origin: string | undefined,
  ownHosts: readonly (string | null)[],
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return false;
  if (allowedOrigins.includes(origin)) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true; // "null" or garbage: an opaque origin is never ours.
  }
  return !ownHosts.includes(host);
}
