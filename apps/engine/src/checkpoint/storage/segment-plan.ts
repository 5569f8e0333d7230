/** Where a piece of stored state is: a segment file (by manifest name) and its place in it. */
export interface PieceLocation {
  segment: string;
  offset: number;
  length: number;
}

export interface SegmentFacts {
  sizeBytes: number;
  sha256: string;
}

/**
 * Where the pieces of this run's earlier checkpoints went. A piece is never changed once a
 * subtask sent it, and the job master hands unchanged ones on as the very same arrays (see
 * `SentStateMirror`), so a piece found here is on disk at that place already: a checkpoint
 * refers to it instead of writing it again. Pieces are held weakly, so those no snapshot holds
 * any more drop out on their own; segments are forgotten once no snapshot refers to them.
 */
export class SegmentLocations {
  private pieces = new WeakMap<Uint8Array, PieceLocation>();
  private readonly segments = new Map<string, SegmentFacts>();

  clear(): void {
    this.pieces = new WeakMap();
    this.segments.clear();
  }

  /** Where `piece` was stored, with its segment's facts; undefined if not known to be stored. */
  locate(piece: Uint8Array): (PieceLocation & SegmentFacts) | undefined {
    const location = this.pieces.get(piece);
    const segment = location && this.segments.get(location.segment);
    return location && segment ? { ...location, ...segment } : undefined;
  }

  /** A snapshot was written: its new segments' pieces are there now; it needs `referenced`. */
  record(
    written: ReadonlyArray<{ name: string; facts: SegmentFacts; segment: NewSegment }>,
    referenced: ReadonlySet<string>,
  ): void {
    for (const name of [...this.segments.keys()])
      if (!referenced.has(name)) this.segments.delete(name);
    for (const { name, facts, segment } of written) {
      this.segments.set(name, facts);
      for (const [piece, offset] of segment.pieces)
        this.pieces.set(piece, { segment: name, offset, length: piece.byteLength });
    }
  }
}

/** A segment to write: its pieces, each once, with their offsets in it. */
export interface NewSegment {
  pieces: Array<[Uint8Array, number]>;
  sizeBytes: number;
}

export interface SegmentPlan {
  /** Pieces never stored before. */
  fresh: NewSegment;
  /**
   * Pieces moved out of earlier segments that are not kept. They outlived the state stored
   * beside them, so they are likely to live on: kept apart from the fresh ones, their segment
   * stays mostly needed, instead of moving again with every checkpoint.
   */
  moved: NewSegment;
  /** Earlier segments the snapshot refers to. */
  reused: Map<string, SegmentFacts>;
  /** Where each piece is: in an earlier segment (by name) or in one of the new ones. */
  placeOf: Map<Uint8Array, { segment: string | NewSegment; offset: number; length: number }>;
}

/**
 * Decides which pieces a snapshot refers to where they are and which it writes into its new
 * segments. An earlier segment is referred to only if it is still on disk (`present`) and at
 * least half of it is still needed: otherwise its live pieces are written again, so a long run
 * whose state changes a little at a time never keeps mostly-dead files alive (FLIP-306's space
 * amplification bound).
 */
export function planSegment(
  pieces: readonly Uint8Array[],
  locate: (piece: Uint8Array) => (PieceLocation & SegmentFacts) | undefined,
  present: (segment: string) => boolean,
): SegmentPlan {
  const live = new Map<string, { facts: SegmentFacts; bytes: number }>();
  const located = new Map<Uint8Array, PieceLocation>();
  for (const piece of pieces) {
    if (located.has(piece)) continue;
    const location = locate(piece);
    if (!location) continue;
    located.set(piece, location);
    const segment = live.get(location.segment) ?? {
      facts: { sizeBytes: location.sizeBytes, sha256: location.sha256 },
      bytes: 0,
    };
    segment.bytes += location.length;
    live.set(location.segment, segment);
  }
  const reused = new Map<string, SegmentFacts>();
  for (const [name, { facts, bytes }] of live)
    if (present(name) && bytes * 2 >= facts.sizeBytes) reused.set(name, facts);
  const plan: SegmentPlan = {
    fresh: { pieces: [], sizeBytes: 0 },
    moved: { pieces: [], sizeBytes: 0 },
    reused,
    placeOf: new Map(),
  };
  for (const piece of pieces) {
    if (plan.placeOf.has(piece)) continue;
    const location = located.get(piece);
    if (location && reused.has(location.segment)) {
      plan.placeOf.set(piece, location);
      continue;
    }
    const segment = location ? plan.moved : plan.fresh;
    plan.placeOf.set(piece, { segment, offset: segment.sizeBytes, length: piece.byteLength });
    segment.pieces.push([piece, segment.sizeBytes]);
    segment.sizeBytes += piece.byteLength;
  }
  return plan;
}
