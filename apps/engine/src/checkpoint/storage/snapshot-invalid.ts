export type SnapshotDefect =
  | 'MISSING_METADATA'
  | 'BAD_METADATA'
  | 'MISSING_FILE'
  | 'CHECKSUM_MISMATCH';

/** A snapshot that must not be restored, with the defect recovery and the API report. */
export class SnapshotInvalidError extends Error {
  override name = 'SnapshotInvalidError';
  constructor(
    readonly dir: string,
    readonly defect: SnapshotDefect,
    detail: string,
  ) {
    super(`snapshot ${dir} is invalid (${defect}): ${detail}`);
  }
}
