// `@weir/engine/testing`: what code outside the engine (e2e/, bench/) may use of it. Test
// support, plus the few engine internals benchmarks drive directly; nothing else reaches into
// apps/engine/src (`npm run lint:deps` checks). TypeScript sources, loaded through tsx,
// vitest or Playwright: never built, never in the image. Harnesses that register vitest hooks
// (master-harness, backend-harness, ha-environment) stay out: engine tests import them by path.

// Engine internals the benchmarks measure in-process (the runtime, checkpoint storage) and the
// call that runs a jar on a Flink cluster (e2e runs the example job with it), then test
// support: databases, ZooKeeper, engine processes, HA and Flink clusters, fixtures.
export { runJar } from '../src/backends/flink/flink-jars.js';
export { createSnapshotPaths } from '../src/checkpoint/storage/paths.js';
export { SegmentLocations } from '../src/checkpoint/storage/segment-plan.js';
export {
  pruneCheckpoints,
  readSnapshot,
  writeSnapshot,
} from '../src/checkpoint/storage/storage.js';
export { keyGroupOf } from '../src/core/key-groups.js';
export { createWindowOperator } from '../src/operators/windows/create-window-operator.js';
export { packedGroup } from '../src/operators/windows/packed-windows.js';
export { JobMaster } from '../src/runtime/job-master.js';
export { serialiseEntry, serialiseStored } from '../src/state/serialised-state.js';
export { stateForSubtask } from '../src/state/state-assignment.js';
export {
  type EngineProcess,
  killEngine,
  signedInClient,
  startEngineProcess,
} from './engine-process.js';
export { type DrillOptions, type DrillReport, runExactlyOnceDrill } from './exactly-once-drill.js';
export { HaCluster } from './ha-cluster.js';
export { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from './http-receiver.js';
export { kafkaClicksInput } from './kafka-clicks-input.js';
export { kafkaResultsSink, readWindowResults } from './kafka-results.js';
export { KafkaTopics } from './kafka-topics.js';
export { MemoryHistory } from './memory-history.js';
export { OperatorHarness } from './operator-harness.js';
export { readCommitted, watchCommitted } from './read-committed.js';
export { createTestDatabase } from './test-database.js';
export { flinkExampleJar, TestFlink } from './test-flink.js';
export { TestKafka } from './test-kafka.js';
export { waitFor } from './wait-for.js';
export { windowGroups, windowState } from './window-state-fixture.js';
export {
  startZookeeper,
  startZookeeperEnsemble,
  type ZookeeperEnsemble,
  type ZookeeperServer,
} from './zookeeper-services.js';
