/**
 * Makes a request's X-Forwarded-For/-Host/-Proto say what this server saw, before Next and the
 * engine proxy read them. Only a peer listed in `trustedProxies` (a load balancer in front of
 * the console) may pass on what it was told; from anyone else the headers are replaced, since
 * the engine believes them from the console.
 * @param {import('node:http').IncomingMessage} req
 * @param {readonly string[]} trustedProxies exact peer addresses
 */
export function honestForwardedHeaders(req, trustedProxies) {
  const peer = req.socket.remoteAddress ?? '';
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  const headers = req.headers;
  if (trustedProxies.includes(peer)) {
    headers['x-forwarded-for'] = headers['x-forwarded-for']
      ? `${headers['x-forwarded-for']}, ${peer}`
      : peer;
    headers['x-forwarded-host'] ??= headers.host;
    headers['x-forwarded-proto'] ??= encrypted ? 'https' : 'http';
    return;
  }
  headers['x-forwarded-for'] = peer;
  if (headers.host === undefined) delete headers['x-forwarded-host'];
  else headers['x-forwarded-host'] = headers.host;
  headers['x-forwarded-proto'] = encrypted ? 'https' : 'http';
  delete headers['x-forwarded-port'];
  delete headers.forwarded;
}
