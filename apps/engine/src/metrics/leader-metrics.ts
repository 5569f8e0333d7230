import { type CoordinationState, CoordinationStateSchema } from '@weir/contract';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Leadership and ZooKeeper metrics: who leads, how often it changed, how ZooKeeper answers. */
export class LeaderMetrics {
  private readonly isLeader: Gauge;
  private readonly changes: Counter;
  private readonly lastChange: Gauge;
  private readonly zkRequests: Histogram<'op'>;
  private lastChangeAtMs: number | null = null;

  constructor(registry: Registry, coordination: () => CoordinationState) {
    const registers = [registry];
    const self = this;
    this.isLeader = new Gauge({
      name: 'weir_leader_is_leader',
      help: '1 while this instance is the leader.',
      registers,
    });
    this.changes = new Counter({
      name: 'weir_leader_changes_total',
      help: 'Leadership grants and losses seen by this instance.',
      registers,
    });
    this.lastChange = new Gauge({
      name: 'weir_leader_last_change_timestamp_seconds',
      help: 'When this instance last gained or lost leadership (Unix seconds).',
      registers,
    });
    new Gauge({
      name: 'weir_leader_seconds_since_change',
      help: 'Seconds since this instance last gained or lost leadership; absent before any change.',
      registers,
      collect() {
        this.reset();
        if (self.lastChangeAtMs !== null) this.set((Date.now() - self.lastChangeAtMs) / 1000);
      },
    });
    new Gauge({
      name: 'weir_zookeeper_connection_state',
      help: '1 for the state this instance’s ZooKeeper connection is in, 0 for the others.',
      labelNames: ['state'],
      registers,
      collect() {
        const current = coordination();
        for (const state of CoordinationStateSchema.options)
          this.set({ state }, state === current ? 1 : 0);
      },
    });
    this.zkRequests = new Histogram({
      name: 'weir_zookeeper_request_duration_seconds',
      help: 'ZooKeeper request latency by operation.',
      labelNames: ['op'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    });
  }

  setLeader(isLeader: boolean): void {
    this.isLeader.set(isLeader ? 1 : 0);
    this.changes.inc();
    this.lastChangeAtMs = Date.now();
    this.lastChange.set(this.lastChangeAtMs / 1000);
  }

  zookeeperRequest(op: string, seconds: number): void {
    this.zkRequests.observe({ op }, seconds);
  }
}
