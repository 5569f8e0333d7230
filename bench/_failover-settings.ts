// The ZooKeeper session timeout the failover benchmarks use: `failover` measures recovery with
// it, `failover-soak` checks that it causes no false failovers under load.
export const FAILOVER_SESSION_TIMEOUT_MS = 1500;
