import { readFile } from 'node:fs/promises';
import { uploadJar } from '../src/backends/flink/flink-jars.js';
import { FlinkRestClient } from '../src/backends/flink/flink-rest-client.js';

/**
 * Typed access to the project's Flink harness (scripts/services/flink*.mjs, plain ESM with
 * JSDoc): a real Flink session cluster (2.3.0 unless a release or `$WEIR_FLINK_VERSION` says
 * otherwise), a JobManager with the adaptive scheduler and one TaskManager, started and stopped
 * by PID, and the example job's jar (examples/flink-clicks) built for that release.
 */
interface ServiceFlink {
  restUrl: string;
  restPort: number;
  dir: string;
  checkpointDir: string;
  savepointDir: string;
  slots: number;
  pids: { jobManager: number; taskManager: number };
  version: string;
  stop(): Promise<void>;
}

interface FlinkServices {
  startFlink(options?: {
    version?: string;
    slots?: number;
    timeoutMs?: number;
    dir?: string;
    config?: Record<string, string | number | boolean>;
  }): Promise<ServiceFlink>;
}

interface ExampleServices {
  ensureFlinkExampleJar(version?: string): Promise<string>;
  FLINK_EXAMPLE_MAIN: string;
}

const FLINK = new URL('../../../scripts/services/flink.mjs', import.meta.url).href;
const EXAMPLE = new URL('../../../scripts/services/flink-example.mjs', import.meta.url).href;
const JARS = new URL('../../../scripts/services/flink-jars.mjs', import.meta.url).href;

/** The jars a Flink cluster runs on (resolved with Maven once per release, then cached). */
export async function flinkClasspath(version?: string): Promise<string[]> {
  const { flinkClasspath: resolve } = (await import(JARS)) as {
    flinkClasspath(version?: string): Promise<string[]>;
  };
  return resolve(version);
}

/** The example job's jar (built once per source change and release) and its entry class. */
export async function flinkExampleJar(
  version?: string,
): Promise<{ path: string; entryClass: string }> {
  const { ensureFlinkExampleJar, FLINK_EXAMPLE_MAIN } = (await import(EXAMPLE)) as ExampleServices;
  return { path: await ensureFlinkExampleJar(version), entryClass: FLINK_EXAMPLE_MAIN };
}

export class TestFlink {
  private constructor(private readonly cluster: ServiceFlink) {}

  /**
   * `version` is the Flink release (see scripts/services/flink-jars.mjs); `config` adds or
   * overrides keys of the cluster's `config.yaml` (ZooKeeper HA, say).
   */
  static async start(
    options: {
      version?: string;
      slots?: number;
      config?: Record<string, string | number | boolean>;
    } = {},
  ): Promise<TestFlink> {
    const { startFlink } = (await import(FLINK)) as FlinkServices;
    return new TestFlink(await startFlink(options));
  }

  get restUrl(): string {
    return this.cluster.restUrl;
  }

  get version(): string {
    return this.cluster.version;
  }

  get pids(): { jobManager: number; taskManager: number } {
    return this.cluster.pids;
  }

  get checkpointDir(): string {
    return this.cluster.checkpointDir;
  }

  get savepointDir(): string {
    return this.cluster.savepointDir;
  }

  client(timeoutMs = 10_000): FlinkRestClient {
    return new FlinkRestClient({ restUrl: this.restUrl, timeoutMs });
  }

  /** Uploads the example job's jar, built for the cluster's release; returns the jar id to run. */
  async uploadExample(): Promise<{ jarId: string; entryClass: string }> {
    const jar = await flinkExampleJar(this.version);
    const jarId = await uploadJar(this.client(), await readFile(jar.path), 'flink-clicks.jar');
    return { jarId, entryClass: jar.entryClass };
  }

  /** Cancels a job straight through the REST API (`PATCH /jobs/:id?mode=cancel`). */
  async cancelJob(jobId: string): Promise<void> {
    const response = await fetch(`${this.restUrl}/jobs/${jobId}?mode=cancel`, {
      method: 'PATCH',
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`cancel ${jobId}: HTTP ${response.status}`);
  }

  async stop(): Promise<void> {
    await this.cluster.stop();
  }
}
