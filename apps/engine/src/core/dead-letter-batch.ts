/** A record an operator could not process, as it is kept (see `DeadLetterBatch`). */
export interface KeptDeadLetter {
  at: string;
  operatorUid: string;
  reason: string;
  /** The record as received (JSON text unless it was a string), cut at `RECORD_LIMIT_CHARS`. */
  record: string;
  /** Cut: the stored text is not the whole record, so it cannot be replayed. */
  truncated: boolean;
}

/**
 * The dead letters one subtask produced between two of its barriers (`epoch` is the id of the
 * barrier that closed them; 0 for those after its last barrier, carried by its final state).
 * They travel with the checkpoint that covers the records which caused them: stored in its
 * snapshot and published once it commits, so a failover neither loses nor repeats one. `count`
 * is exact; `letters` keeps them up to a byte budget, the rest only counted.
 */
export interface DeadLetterBatch {
  /**
   * Random, drawn when the batch is sealed: publishing the batch again from a snapshot (after
   * a restore) changes nothing, and no other batch can share it, whatever ids a later
   * submission of the same job starts its checkpoints from.
   */
  id: string;
  epoch: number;
  vertexId: string;
  subtaskIndex: number;
  count: number;
  letters: KeptDeadLetter[];
}

/** Longest record text kept per dead letter, in characters. */
export const RECORD_LIMIT_CHARS = 8 * 1024;
/** Characters of record text one batch keeps; later letters of the batch are counted, not kept. */
export const BATCH_BUDGET_CHARS = 8 * 1024 * 1024;
