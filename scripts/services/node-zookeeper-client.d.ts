// The services smoke test types the parts of node-zookeeper-client it uses itself (ZkClient);
// the engine's fuller declarations live in apps/engine/src/types.
declare module 'node-zookeeper-client';
