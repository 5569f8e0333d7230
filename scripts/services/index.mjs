// Real ZooKeeper and Kafka for development and tests; see DESIGN.md §5.
export { ensureJars, jarsDir, KAFKA_VERSION } from './jars.mjs';
export { startKafka } from './kafka.mjs';
export { freePort, freePorts } from './ports.mjs';
export { waitFor } from './process.mjs';
export { ensurePromtool } from './promtool.mjs';
export { startZookeeper, startZookeeperEnsemble } from './zookeeper.mjs';
