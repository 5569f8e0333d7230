/**
 * Checkpoint and savepoint storage (DESIGN.md §3): what the job master, the backend and the
 * API call. State lives in segment files, one per snapshot, that later checkpoints share.
 */
export { listCheckpointDirs } from './checkpoint-dirs.js';
export { type LoadedSnapshot, readSnapshot } from './read-snapshot.js';
export { findLatestValidCheckpoint, type RecoveryChoice } from './recovery.js';
export { pruneCheckpoints } from './retention.js';
export { type SnapshotDefect, SnapshotInvalidError } from './snapshot-invalid.js';
export {
  type OperatorSnapshot,
  type SnapshotContent,
  type WrittenSnapshot,
  writeSnapshot,
} from './write-snapshot.js';
