import type { FailoverResult } from '@weir/contract';
import type { PendingAlert } from '../alerts/evaluator.js';
import type { Paging } from '../alerts/paging/paging.js';
import type { AuthService } from '../auth/auth-service.js';
import type { Principal } from '../auth/principal.js';
import type { ClusterRegistry } from '../backends/cluster-registry.js';
import type { DeadLetterRepository } from '../db/dead-letter-repository.js';
import type { JobTimeline } from '../db/job-timeline.js';
import type { Store } from '../db/store.js';
import type { Logger } from '../logging/logger.js';
import type { AnonymousRefusals } from './anonymous-refusals.js';
import type { InstanceInspector } from './instances/instance-inspector.js';
import type { InstanceLogs } from './logs/instance-logs.js';

export interface RequestInfo {
  /** The browser's or script's address (through trusted proxies), for audit and rate limits. */
  sourceAddress: string | null;
  /** Which credential the request carried; bearer calls are exempt from the origin check. */
  credentials: 'bearer' | 'cookie' | 'none';
  /** An Origin header naming neither the console nor the engine: a cross-site request. */
  foreignOrigin: boolean;
  /** The caller's Authorization and Cookie headers, for asking another instance on their behalf. */
  credentialHeaders: Record<string, string>;
  /** The instance that sent this logs query on, if one did (see `logs/instance-logs.ts`). */
  forwardedBy: string | null;
  /** The bound the request's body is read under (`bodyLimitOf` in trpc.ts), for the 413's words. */
  maxBodyBytes: number;
}

/** Sets and clears the session cookie on the response being built. */
export interface SessionCookie {
  set(secret: string, expiresAt: Date): void;
  clear(): void;
}

/** Everything a handler may use; built once per HTTP request (a batch shares one). */
export interface ApiContext {
  /** Every call about a job reaches its cluster's backend here. */
  clusters: ClusterRegistry;
  store: Store;
  auth: AuthService;
  principal: Principal | null;
  request: RequestInfo;
  cookies: SessionCookie;
  /** Sets a header on the HTTP answer (Retry-After with a 429). */
  setResponseHeader(name: string, value: string): void;
  alerting: AlertingView;
  /** Jobs' timelines: the API reads them and adds each call about a job. */
  timeline: JobTimeline;
  /** Jobs' dead letters, as published once their checkpoints committed. */
  deadLetters: DeadLetterRepository;
  cluster: ClusterControl;
  /** Where internal errors go in full; callers see only their id. */
  logger: Logger;
  /** Refused signed-out mutations per address: past a limit they are turned away unrecorded. */
  anonymousRefusals: AnonymousRefusals;
  /** Engine log lines: this instance's, or another's through its API. */
  logs: InstanceLogs;
  /** Threads' resources and CPU profiles: this instance's, or another's through its API. */
  instances: InstanceInspector;
}

/** Cluster-wide actions that are not about one job. */
export interface ClusterControl {
  /** The leader steps down; resolves once a standby has taken over and recovered the jobs. */
  failover(): Promise<FailoverResult>;
}

/** What the API shows of the alert evaluator besides what is in the database. */
export interface AlertingView {
  /** Breached rules still within their `for` time; they have no incident yet. */
  pending(): PendingAlert[];
  webhookConfigured: boolean;
  /** Notification channels: sealing their secrets, describing and testing them. */
  paging: Paging;
}
