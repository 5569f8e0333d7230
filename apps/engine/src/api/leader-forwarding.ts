import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { runsOn, type WeirErrorData } from '@weir/contract';

/** Set on a forwarded request, so an instance that is not the leader either never forwards twice. */
export const FORWARDED_BY_HEADER = 'x-weir-forwarded-by';

export interface LeaderForwardingOptions {
  instanceId: string;
  isLeader: () => boolean;
  /** The leader's API base address (http://host:port), or null while none is elected. */
  leaderAddress: () => Promise<string | null>;
  /**
   * How long the leader may stay silent on a forwarded call before the caller is told it
   * cannot be reached (default 180 s: longer than any call waits by design, such as a
   * failover's 120 s). A leader frozen or hung would otherwise hold every call for ever.
   */
  silenceLimitMs?: number;
}

const DEFAULT_SILENCE_LIMIT_MS = 180_000;

/** `/trpc/a.b,c.d?batch=1` -> ['a.b', 'c.d'] */
export function proceduresOf(url: string): string[] {
  const path = url.slice('/trpc/'.length).split('?')[0] ?? '';
  return decodeURIComponent(path).split(',').filter(Boolean);
}

const needsLeader = (procedure: string) => runsOn(procedure) === 'leader';

const NOT_LEADER: WeirErrorData = { code: 'NOT_LEADER', domain: 'user', retriable: true };

/**
 * A tRPC-shaped NOT_LEADER error (one per procedure when batched), so clients see the same
 * typed error as from a procedure that refused: the web server retries at the named leader.
 */
function notLeader(res: ServerResponse, url: string, message: string): void {
  const procedures = proceduresOf(url);
  const error = (path: string) => ({
    error: {
      message,
      code: -32012,
      data: {
        code: 'PRECONDITION_FAILED',
        httpStatus: 412,
        path,
        weir: NOT_LEADER,
      },
    },
  });
  const batched = /[?&]batch=1/.test(url);
  res.writeHead(412, { 'content-type': 'application/json' });
  res.end(JSON.stringify(batched ? procedures.map(error) : error(procedures[0] ?? '')));
}

const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * On a standby, sends calls the leader must answer on to the leader, as a proxy would: the
 * caller's credentials and Origin go along, and X-Forwarded-* name the real client so the
 * leader's audit row and CSRF check see the caller (the standby must be one of the leader's
 * trusted proxies). Returns false when this instance answers the request itself.
 */
export function leaderForwarding(options: LeaderForwardingOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    if (options.isLeader() || !proceduresOf(url).some(needsLeader)) return false;
    if (req.headers[FORWARDED_BY_HEADER]) {
      notLeader(res, url, `instance ${options.instanceId} is not the leader either; retry shortly`);
      return true;
    }
    const leader = await options.leaderAddress();
    if (!leader) {
      notLeader(res, url, 'no leader is elected right now; retry shortly');
      return true;
    }
    const target = new URL(url, leader);
    const peer = req.socket.remoteAddress ?? '';
    const forwardedFor = single(req.headers['x-forwarded-for']);
    const headers = {
      ...req.headers,
      host: target.host,
      'x-forwarded-for': forwardedFor ? `${forwardedFor}, ${peer}` : peer,
      'x-forwarded-host': single(req.headers['x-forwarded-host']) ?? req.headers.host ?? '',
      'x-forwarded-proto': single(req.headers['x-forwarded-proto']) ?? 'http',
      [FORWARDED_BY_HEADER]: options.instanceId,
    };
    await new Promise<void>((resolve) => {
      const timeout = options.silenceLimitMs ?? DEFAULT_SILENCE_LIMIT_MS;
      const upstream = httpRequest(target, { method: req.method, headers, timeout }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', resolve);
      });
      upstream.on('timeout', () =>
        upstream.destroy(new Error(`it did not answer within ${timeout / 1000} s`)),
      );
      upstream.on('error', (error) => {
        if (!res.headersSent)
          notLeader(
            res,
            url,
            `the leader at ${leader} cannot be reached (${error.message}); retry shortly`,
          );
        else res.destroy(error);
        resolve();
      });
      req.pipe(upstream);
    });
    return true;
  };
}
