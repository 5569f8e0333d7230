import {
  type ClusterCapabilities,
  type ClusterHealth,
  type ClusterSummary,
  EMBEDDED_CLUSTER,
  type FlinkZooKeeper,
  type RegisterClusterInput,
} from '@weir/contract';
import type { SecretBox } from '../auth/secret-box.js';
import type { ClusterRepository, StoredFlinkCluster } from '../db/cluster-repository.js';
import type { FlinkLaunchRepository } from '../db/flink-launch-repository.js';
import type { FlinkSavepointRepository } from '../db/flink-savepoint-repository.js';
import { conflict, invalidArgument, notFound, WeirError } from '../errors/weir-error.js';
import type { ClusterBackend } from './cluster-backend.js';
import { nextHealth } from './cluster-health.js';
import { FlinkRestBackend } from './flink/flink-rest-backend.js';
import { type LeaderObservations, observeLeader } from './flink/leader-observations.js';
import { SAVEPOINTS_PER_JOB } from './flink/savepoint-records.js';
import { readFlinkLeader } from './flink/zookeeper-leader.js';

export interface ClusterRegistryOptions {
  embedded: ClusterBackend;
  clusters: ClusterRepository;
  /** How Flink jobs were started through Weir, kept for restores and rescales. */
  launches: FlinkLaunchRepository;
  /** The savepoints seen of Flink jobs, kept beyond Flink's short history. */
  savepoints: FlinkSavepointRepository;
  /** Seals stored Authorization headers; null: registering one is refused. */
  secrets: SecretBox | null;
  now: () => number;
  /** Bound on every call to a Flink cluster. */
  flinkTimeoutMs?: number;
}

const EMBEDDED_CAPABILITIES: ClusterCapabilities = {
  submitSpec: true,
  submitJar: false,
  rescaleInPlace: false,
  leaderView: true,
  results: true,
};

/**
 * The clusters one console serves: the embedded engine, always there, and the Flink clusters
 * admins registered (stored, so every instance sees them). Every call about a job reaches its
 * cluster's backend through `backend(id)`. Each Flink cluster's health is what its last call
 * found, so every page can say "unreachable since …" without asking again.
 */
export class ClusterRegistry {
  private readonly flink = new Map<string, { registeredAt: number; backend: FlinkRestBackend }>();
  private readonly health = new Map<string, ClusterHealth>();
  private readonly leaders = new Map<string, LeaderObservations>();

  constructor(private readonly options: ClusterRegistryOptions) {}

  /** Throws NOT_FOUND naming the cluster when none is registered under `id`. */
  async backend(id: string): Promise<ClusterBackend> {
    if (id === EMBEDDED_CLUSTER) return this.options.embedded;
    const stored = await this.options.clusters.find(id);
    if (!stored) {
      this.flink.delete(id);
      throw notFound(`cluster ${id}`);
    }
    return this.flinkBackend(stored);
  }

  /** Every cluster's id, the embedded one first. */
  async ids(): Promise<string[]> {
    const stored = await this.options.clusters.list();
    return [EMBEDDED_CLUSTER, ...stored.map((cluster) => cluster.id)];
  }

  async list(): Promise<ClusterSummary[]> {
    const stored = await this.options.clusters.list();
    return Promise.all([this.embeddedSummary(), ...stored.map((c) => this.flinkSummary(c))]);
  }

  /**
   * Registers a Flink cluster once it has answered as one, so a mistyped URL is named at once
   * rather than found later on every page.
   */
  async register(input: RegisterClusterInput, by: string): Promise<ClusterSummary> {
    const { secrets } = this.options;
    if (input.authorization && !secrets) {
      throw new WeirError(
        'INVALID_ARGUMENT',
        'authorization: the engine cannot store it encrypted: start it with WEIR_CLUSTER_SECRETS_KEY set (openssl rand -base64 32)',
        { domain: 'user' },
      );
    }
    const stored: StoredFlinkCluster = {
      id: input.id,
      restUrl: input.restUrl.replace(/\/+$/, ''),
      sealedAuthorization: input.authorization
        ? (secrets?.seal(input.authorization) ?? null)
        : null,
      zookeeper: input.zookeeper ?? null,
      registeredAt: new Date(this.options.now()),
      registeredBy: by,
    };
    const probe = this.createBackend(stored, input.authorization ?? null);
    try {
      await probe.overview();
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw invalidArgument(`restUrl: no Flink cluster answered at ${stored.restUrl}: ${cause}`);
    }
    if (!(await this.options.clusters.insert(stored))) {
      throw conflict(`a cluster named ${input.id} is registered already`);
    }
    return this.flinkSummary(stored);
  }

  /**
   * Registers the clusters the deployment declares (`name=url`), without asking them first:
   * they may still be starting. One registered already under that name is kept as it is;
   * returns the names whose stored URL differs from the declared one, for a warning.
   */
  async registerConfigured(entries: readonly string[]): Promise<string[]> {
    const differing: string[] = [];
    for (const entry of entries) {
      const split = entry.indexOf('=');
      const id = entry.slice(0, split);
      const restUrl = entry.slice(split + 1).replace(/\/+$/, '');
      const inserted = await this.options.clusters.insert({
        id,
        restUrl,
        sealedAuthorization: null,
        zookeeper: null,
        registeredAt: new Date(this.options.now()),
        registeredBy: 'WEIR_FLINK_CLUSTERS',
      });
      if (!inserted && (await this.options.clusters.find(id))?.restUrl !== restUrl)
        differing.push(id);
    }
    return differing;
  }

  async remove(id: string): Promise<void> {
    if (id === EMBEDDED_CLUSTER)
      throw invalidArgument('cluster: the embedded cluster is always there');
    if (!(await this.options.clusters.remove(id))) throw notFound(`cluster ${id}`);
    await this.options.launches.removeCluster(id);
    await this.options.savepoints.removeCluster(id);
    this.flink.delete(id);
    this.health.delete(id);
    this.leaders.delete(id);
  }

  /** Who leads the cluster, read from its ZooKeeper, and the changes seen so far. */
  private async flinkLeader(id: string, zookeeper: FlinkZooKeeper) {
    try {
      const current = await readFlinkLeader(zookeeper, this.options.flinkTimeoutMs ?? 5_000);
      const observed = observeLeader(this.leaders.get(id), current, new Date(this.options.now()));
      this.leaders.set(id, observed);
      return { current, changes: observed.changes, error: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { current: null, changes: this.leaders.get(id)?.changes ?? [], error: message };
    }
  }

  private flinkBackend(stored: StoredFlinkCluster): FlinkRestBackend {
    const cached = this.flink.get(stored.id);
    // A cluster removed and registered again under the same name gets a new client.
    if (cached && cached.registeredAt === stored.registeredAt.getTime()) return cached.backend;
    const authorization = stored.sealedAuthorization ? this.open(stored) : null;
    const backend = this.createBackend(stored, authorization);
    this.flink.set(stored.id, { registeredAt: stored.registeredAt.getTime(), backend });
    return backend;
  }

  private createBackend(stored: StoredFlinkCluster, authorization: string | null) {
    return new FlinkRestBackend({
      clusterId: stored.id,
      restUrl: stored.restUrl,
      timeoutMs: this.options.flinkTimeoutMs,
      headers: authorization ? { authorization } : {},
      launches: this.options.launches.forCluster(stored.id),
      savepoints: this.options.savepoints.forCluster(stored.id, SAVEPOINTS_PER_JOB),
      onReachability: (outcome) =>
        this.health.set(
          stored.id,
          nextHealth(this.health.get(stored.id), outcome, new Date(this.options.now())),
        ),
    });
  }

  private open(stored: StoredFlinkCluster): string {
    const { secrets } = this.options;
    try {
      if (!secrets) throw new Error('WEIR_CLUSTER_SECRETS_KEY is not set');
      return secrets.open(stored.sealedAuthorization ?? '');
    } catch (error) {
      throw new WeirError(
        'CONFLICT',
        `cluster ${stored.id}: its stored Authorization header cannot be opened with this engine's WEIR_CLUSTER_SECRETS_KEY (${error instanceof Error ? error.message : error}); register the cluster again`,
        { domain: 'user' },
      );
    }
  }

  private async embeddedSummary(): Promise<ClusterSummary> {
    const jobs = await this.options.embedded.listJobs();
    const at = new Date(this.options.now()).toISOString();
    return {
      id: EMBEDDED_CLUSTER,
      kind: 'embedded',
      restUrl: null,
      hasAuthorization: false,
      zookeeper: null,
      health: { state: 'up', since: at, checkedAt: at, error: null },
      capabilities: EMBEDDED_CAPABILITIES,
      jobs: {
        running: jobs.filter((job) => job.status === 'RUNNING').length,
        failed: jobs.filter((job) => job.status === 'FAILED').length,
        total: jobs.length,
      },
      flink: null,
      leader: null,
      registeredAt: null,
      registeredBy: null,
    };
  }

  /** Asks the cluster for its overview; an unreachable one is listed with why, not dropped. */
  private async flinkSummary(stored: StoredFlinkCluster): Promise<ClusterSummary> {
    let flink: ClusterSummary['flink'] = null;
    try {
      flink = (await this.flinkBackend(stored).overview()).flink ?? null;
    } catch (error) {
      // Unreachable: health says so. Anything else (a proxy refusing the header) is shown too.
      if (this.health.get(stored.id)?.state !== 'unreachable') {
        const message = error instanceof Error ? error.message : String(error);
        this.health.set(
          stored.id,
          nextHealth(
            this.health.get(stored.id),
            { reached: false, error: message },
            new Date(this.options.now()),
          ),
        );
      }
    }
    const health = this.health.get(stored.id) as ClusterHealth;
    const leader = stored.zookeeper ? await this.flinkLeader(stored.id, stored.zookeeper) : null;
    return {
      id: stored.id,
      kind: 'flink',
      restUrl: stored.restUrl,
      hasAuthorization: stored.sealedAuthorization !== null,
      zookeeper: stored.zookeeper,
      health,
      capabilities: {
        submitSpec: false,
        submitJar: true,
        rescaleInPlace: flink?.scheduler?.toLowerCase() === 'adaptive',
        leaderView: stored.zookeeper !== null,
        results: false,
      },
      jobs: flink
        ? {
            running: flink.jobs.running,
            failed: flink.jobs.failed,
            total:
              flink.jobs.running + flink.jobs.finished + flink.jobs.cancelled + flink.jobs.failed,
          }
        : null,
      flink,
      leader,
      registeredAt: stored.registeredAt.toISOString(),
      registeredBy: stored.registeredBy,
    };
  }
}
