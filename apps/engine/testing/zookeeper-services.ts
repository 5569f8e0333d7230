/**
 * Typed access to the project's ZooKeeper harness (scripts/services, plain ESM with JSDoc),
 * so engine tests run against a real ensemble started and stopped by PID.
 */
export interface EnsembleNode {
  id: number;
  connectString: string;
  mode(): Promise<string | undefined>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  start(options?: { timeoutMs?: number }): Promise<void>;
}

export interface ZookeeperEnsemble {
  connectString: string;
  nodes: EnsembleNode[];
  stop(): Promise<void>;
}

const SERVICES = new URL('../../../scripts/services/index.mjs', import.meta.url).href;

export interface ZookeeperServer {
  connectString: string;
  stop(): Promise<void>;
}

interface Services {
  startZookeeperEnsemble(size: number): Promise<ZookeeperEnsemble>;
  startZookeeper(): Promise<ZookeeperServer>;
}

const services = () => import(SERVICES) as Promise<Services>;

export async function startZookeeperEnsemble(size = 3): Promise<ZookeeperEnsemble> {
  return (await services()).startZookeeperEnsemble(size);
}

export async function startZookeeper(): Promise<ZookeeperServer> {
  return (await services()).startZookeeper();
}
