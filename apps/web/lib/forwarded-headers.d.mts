import type { IncomingMessage } from 'node:http';

export function honestForwardedHeaders(
  req: IncomingMessage,
  trustedProxies: readonly string[],
): void;
