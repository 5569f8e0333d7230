import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Typed access to the project's Kafka harness (scripts/services, plain ESM with JSDoc): a real
 * single-node KRaft broker started and stopped by PID, as engine tests and benchmarks use it.
 */
interface ServiceBroker {
  brokers: string[];
  port: number;
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

interface Services {
  startKafka(options?: {
    timeoutMs?: number;
    dir?: string;
    ports?: [number, number];
  }): Promise<ServiceBroker>;
  freePorts(count: number): Promise<number[]>;
}

const SERVICES = new URL('../../../scripts/services/index.mjs', import.meta.url).href;
const services = () => import(SERVICES) as Promise<Services>;

/**
 * A broker that keeps its data folder and ports, so it can be restarted mid-test (clients
 * reconnect to the same address and find every committed record and offset again).
 */
export class TestKafka {
  private running: ServiceBroker | null = null;

  private constructor(
    readonly dir: string,
    private readonly ports: [number, number],
  ) {}

  static async start(): Promise<TestKafka> {
    const { freePorts } = await services();
    const [port, controllerPort] = (await freePorts(2)) as [number, number];
    const kafka = new TestKafka(await mkdtemp(path.join(tmpdir(), 'weir-test-kafka-')), [
      port,
      controllerPort,
    ]);
    await kafka.restart();
    return kafka;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.ports[0]}`];
  }

  /** Starts the broker, stopping it first (SIGTERM) if it runs. */
  async restart(): Promise<void> {
    await this.running?.stop();
    this.running = null;
    const { startKafka } = await services();
    this.running = await startKafka({ dir: this.dir, ports: this.ports });
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = null;
    await rm(this.dir, { recursive: true, force: true });
  }
}
