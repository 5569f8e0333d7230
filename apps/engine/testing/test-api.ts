import type { Server } from 'node:http';
import type { Role } from '@weir/contract';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { Paging, type PagingOptions } from '../src/alerts/paging/paging.js';
import { AnonymousRefusals } from '../src/api/anonymous-refusals.js';
import type { AlertingView, ApiContext, ClusterControl, RequestInfo } from '../src/api/context.js';
import { startApiServer } from '../src/api/http-server.js';
import { InstanceInspector } from '../src/api/instances/instance-inspector.js';
import { InstanceLogs } from '../src/api/logs/instance-logs.js';
import { requestContextFactory } from '../src/api/request-context.js';
import { appRouter } from '../src/api/root.js';
import { createCallerFactory, MAX_BODY_BYTES } from '../src/api/trpc.js';
import { AuthService } from '../src/auth/auth-service.js';
import { LoginRateLimiter } from '../src/auth/login-rate-limiter.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { Principal } from '../src/auth/principal.js';
import { SecretBox } from '../src/auth/secret-box.js';
import type { ClusterBackend } from '../src/backends/cluster-backend.js';
import { ClusterRegistry } from '../src/backends/cluster-registry.js';
import { ClusterRepository } from '../src/db/cluster-repository.js';
import { DeadLetterRepository } from '../src/db/dead-letter-repository.js';
import { FlinkLaunchRepository } from '../src/db/flink-launch-repository.js';
import { FlinkSavepointRepository } from '../src/db/flink-savepoint-repository.js';
import { JobEventRepository } from '../src/db/job-event-repository.js';
import { JobTimeline } from '../src/db/job-timeline.js';
import { type Database, openDatabase } from '../src/db/open-database.js';
import { createStore, type Store } from '../src/db/store.js';
import { conflict } from '../src/errors/weir-error.js';
import { LogStore } from '../src/logging/log-store.js';
import { ResourceSampler } from '../src/resources/resource-sampler.js';
import { createTestDatabase } from './test-database.js';

export const SESSION_TTL_MS = 60 * 60_000;

/** No evaluator runs behind the test API: nothing is pending, no built-in webhook. */
const alertingView = (paging?: Partial<PagingOptions>): AlertingView => ({
  pending: () => [],
  webhookConfigured: false,
  paging: new Paging({
    secrets: null,
    builtInWebhookUrl: '',
    consoleUrl: '',
    weirCluster: 'test',
    now: Date.now,
    ...paging,
  }),
});
/** One instance cannot fail over: the call is refused as it is in the embedded mode. */
const SINGLE_INSTANCE: ClusterControl = {
  failover: () => Promise.reject(conflict('a single instance has no standby to fail over to')),
};
export const LOGIN_LIMIT = 3;
/** The console origin the test API is configured with. */
export const CONSOLE_ORIGIN = 'http://console.example:3000';
export const ANONYMOUS_REFUSAL_LIMIT = { maxFailures: 50, windowMs: 60_000 };
/** What the API logs, kept for tests that check what an internal error leaves there. */
export const apiLogLines: string[] = [];
const apiLogger = pino({ level: 'info' }, { write: (line: string) => apiLogLines.push(line) });

/** A clock tests move by hand, so session and token expiry need no waiting. */
export class ManualClock {
  constructor(private ms = Date.parse('2026-11-22T12:00:00Z')) {}
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestApi {
  url: string;
  /** The test database, for checks that must bypass the API. */
  databaseUrl: string;
  /** This process's threads, as `instances.resources` reports them. */
  sampler: ResourceSampler;
  store: Store;
  /** Where the API reads dead letters: tests publish into it as a leader would. */
  deadLetters: DeadLetterRepository;
  auth: AuthService;
  clock: ManualClock;
  /** Creates a user straight in the database and returns the password to sign in with. */
  createUser(username: string, role: Role): Promise<{ username: string; password: string }>;
  /** The context an HTTP request from `principal` would get, for in-process callers. */
  contextFor(principal: Principal | null, request?: Partial<RequestInfo>): ApiContext;
  callerAs(principal: Principal | null, request?: Partial<RequestInfo>): ReturnType<typeof caller>;
  close(): Promise<void>;
}

const caller = createCallerFactory(appRouter);

/**
 * The real API (context factory, middlewares, routers) over HTTP on a fresh PostgreSQL
 * database, with a manual clock. The embedded cluster's backend is the caller's to choose;
 * Flink clusters registered through the API are real ones.
 */
export async function startTestApi(
  backend: ClusterBackend,
  options: {
    clusterSecretsKey?: Buffer;
    /** The alert channels' settings: the same secrets key as clusters' when not given. */
    paging?: Partial<PagingOptions>;
  } = {},
): Promise<TestApi> {
  const pg = await createTestDatabase();
  let db: Database | undefined;
  let server: Server | undefined;
  try {
    db = await openDatabase({ databaseUrl: pg.url, pgliteDir: '' });
    const store = createStore(db.prisma);
    const clock = new ManualClock();
    const auth = new AuthService({
      store,
      now: clock.now,
      sessionTtlMs: SESSION_TTL_MS,
      limiter: new LoginRateLimiter({
        perAddress: { maxFailures: LOGIN_LIMIT, windowMs: 60_000 },
        perSource: { maxFailures: LOGIN_LIMIT * 4, windowMs: 60_000 },
        perUser: {
          maxFailures: LOGIN_LIMIT * 3,
          windowMs: 60_000,
          slowdownMsPerFailure: 1,
          maxSlowdownMs: 5,
        },
        maxKeys: 100,
        now: clock.now,
      }),
    });
    const timeline = new JobTimeline(
      new JobEventRepository(db.prisma),
      'test-api',
      apiLogger,
      clock.now,
    );
    const deadLetters = new DeadLetterRepository(db.prisma);
    const clusters = new ClusterRegistry({
      embedded: backend,
      clusters: new ClusterRepository(db.prisma),
      launches: new FlinkLaunchRepository(db.prisma),
      savepoints: new FlinkSavepointRepository(db.prisma),
      secrets: options.clusterSecretsKey ? new SecretBox(options.clusterSecretsKey) : null,
      now: clock.now,
    });
    const alerting = alertingView({
      secrets: options.clusterSecretsKey ? new SecretBox(options.clusterSecretsKey) : null,
      ...options.paging,
    });
    const logs = new InstanceLogs({
      instanceId: 'test-api',
      store: new LogStore(),
      instances: async () => [],
    });
    // Samples only when a test asks (`sampler.sample()`): no timer outlives the test.
    const sampler = new ResourceSampler();
    const instances = new InstanceInspector({
      instanceId: 'test-api',
      sampler,
      instances: async () => [],
    });
    // Known once the server listens; no request can arrive before.
    let engineOrigin = '';
    const started = await startApiServer({
      host: '127.0.0.1',
      port: 0,
      registry: new Registry(),
      createContext: requestContextFactory({
        clusters,
        store,
        auth,
        trustedProxies: ['127.0.0.1', '::1'],
        allowedOrigins: () => [CONSOLE_ORIGIN, engineOrigin],
        now: clock.now,
        alerting,
        timeline,
        deadLetters,
        cluster: SINGLE_INSTANCE,
        logger: apiLogger,
        anonymousRefusalLimit: ANONYMOUS_REFUSAL_LIMIT,
        logs,
        instances,
      }),
      isReady: () => true,
    });
    server = started.server;
    engineOrigin = `http://127.0.0.1:${started.port}`;
    const opened = db;
    const listening = server;
    const anonymousRefusals = new AnonymousRefusals(ANONYMOUS_REFUSAL_LIMIT, 100, clock.now);
    const contextFor = (principal: Principal | null, request?: Partial<RequestInfo>) => ({
      clusters,
      store,
      auth,
      principal,
      request: {
        sourceAddress: '127.0.0.1',
        credentials: 'cookie' as const,
        foreignOrigin: false,
        credentialHeaders: {},
        forwardedBy: null,
        maxBodyBytes: MAX_BODY_BYTES,
        ...request,
      },
      cookies: { set: () => {}, clear: () => {} },
      setResponseHeader: () => {},
      alerting,
      timeline,
      deadLetters,
      cluster: SINGLE_INSTANCE,
      logger: apiLogger,
      anonymousRefusals,
      logs,
      instances,
    });
    return {
      url: `http://127.0.0.1:${started.port}`,
      databaseUrl: pg.url,
      sampler,
      store,
      deadLetters,
      auth,
      clock,
      async createUser(username, role) {
        const password = `pw-${username}-${Math.random().toString(36).slice(2)}`;
        await store.users.create({ username, role, passwordHash: await hashPassword(password) });
        return { username, password };
      },
      contextFor,
      callerAs: (principal, request) => caller(contextFor(principal, request)),
      async close() {
        await new Promise((resolve) => listening.close(resolve));
        await sampler.stop();
        // Timeline events of the last calls are still being written: a write after the
        // disconnect would reconnect, and the database could not be dropped.
        await timeline.flushed();
        await opened.close();
        await pg.drop();
      },
    };
  } catch (error) {
    server?.close();
    await db?.close();
    await pg.drop();
    throw error;
  }
}

/** A principal for in-process callers; ids are made up, nothing looks them up. */
export function userPrincipal(username: string, role: Role): Principal {
  return { kind: 'user', userId: 0, username, role, sessionId: 'test' };
}

export type ProcedureType = 'query' | 'mutation' | 'subscription';

/**
 * Every procedure of the real router with its type. At runtime `_def.procedures` is flat,
 * keyed by dotted path ("savepoints.trigger"); its declared type is the nested shape.
 */
export function allProcedures(): { path: string; type: ProcedureType }[] {
  const flat = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureType } }
  >;
  return Object.entries(flat).map(([path, procedure]) => ({ path, type: procedure._def.type }));
}
