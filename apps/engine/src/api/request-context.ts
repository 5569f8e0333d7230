import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthService } from '../auth/auth-service.js';
import type { FailureLimit } from '../auth/failure-counter.js';
import type { ClusterRegistry } from '../backends/cluster-registry.js';
import type { DeadLetterRepository } from '../db/dead-letter-repository.js';
import type { JobTimeline } from '../db/job-timeline.js';
import type { Store } from '../db/store.js';
import type { Logger } from '../logging/logger.js';
import { AnonymousRefusals } from './anonymous-refusals.js';
import type { AlertingView, ApiContext, ClusterControl } from './context.js';
import { forwardedView, isForeignOrigin, parseTrustedProxies } from './forwarded.js';
import type { InstanceInspector } from './instances/instance-inspector.js';
import { type InstanceLogs, LOGS_FORWARDED_BY_HEADER } from './logs/instance-logs.js';
import { readCookie, SESSION_COOKIE, sessionCookieOn } from './session-cookie.js';
import { bodyLimitOf } from './trpc.js';

export interface RequestContextOptions {
  /** Every call about a job reaches its cluster's backend here. */
  clusters: ClusterRegistry;
  store: Store;
  auth: AuthService;
  /** Addresses and CIDR ranges of proxies (the console) whose X-Forwarded-* headers count. */
  trustedProxies: readonly string[];
  /** Origins allowed to send cookie-authenticated mutations: the console's, the engine's own. */
  allowedOrigins: () => readonly string[];
  now: () => number;
  alerting: AlertingView;
  timeline: JobTimeline;
  deadLetters: DeadLetterRepository;
  cluster: ClusterControl;
  logger: Logger;
  /** Refused signed-out mutations allowed per address before they go unrecorded. */
  anonymousRefusalLimit: FailureLimit;
  logs: InstanceLogs;
  instances: InstanceInspector;
}

/** Builds each request's ApiContext: who calls (session cookie or bearer token) and from where. */
export function requestContextFactory(options: RequestContextOptions) {
  const trusted = parseTrustedProxies(options.trustedProxies);
  const anonymousRefusals = new AnonymousRefusals(
    options.anonymousRefusalLimit,
    10_000,
    options.now,
  );
  return async (req: IncomingMessage, res: ServerResponse): Promise<ApiContext> => {
    const view = forwardedView(req, trusted);
    const authorization = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null;
    const sessionSecret = readCookie(req.headers.cookie, SESSION_COOKIE);
    const credentials = bearer !== null ? 'bearer' : sessionSecret !== null ? 'cookie' : 'none';
    const credentialHeaders: Record<string, string> = {};
    if (req.headers.authorization) credentialHeaders.authorization = req.headers.authorization;
    if (req.headers.cookie) credentialHeaders.cookie = req.headers.cookie;
    const forwardedBy = req.headers[LOGS_FORWARDED_BY_HEADER];
    return {
      clusters: options.clusters,
      store: options.store,
      auth: options.auth,
      principal: await options.auth.authenticate({ bearer, sessionSecret }),
      request: {
        sourceAddress: view.address,
        credentials,
        foreignOrigin: isForeignOrigin(req.headers.origin, options.allowedOrigins()),
        credentialHeaders,
        forwardedBy: typeof forwardedBy === 'string' ? forwardedBy : null,
        maxBodyBytes: bodyLimitOf(req),
      },
      cookies: sessionCookieOn(res, { secure: view.https, now: options.now }),
      setResponseHeader: (name, value) => {
        if (!res.headersSent) res.setHeader(name, value);
      },
      alerting: options.alerting,
      timeline: options.timeline,
      deadLetters: options.deadLetters,
      cluster: options.cluster,
      logger: options.logger,
      anonymousRefusals,
      logs: options.logs,
      instances: options.instances,
    };
  };
}
