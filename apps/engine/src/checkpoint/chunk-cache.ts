import { chunkData, type KeyedChunk } from './chunking.js';
import { sha256Of } from './manifest.js';

export interface ResolvedChunk {
  sha256: string;
  sizeBytes: number;
  /** The chunk's bytes, joined only when asked (a chunk already on disk is not written). */
  data: () => Buffer;
}

interface CachedChunk {
  entries: readonly Uint8Array[];
  sha256: string;
  sizeBytes: number;
}

/**
 * Each operator's chunks of the previous snapshot, with their hashes. A chunk made of the very
 * same entry byte arrays as then (the job master hands unchanged key groups on as it received
 * them: see `SentStateMirror`) holds the same bytes, so it is neither joined nor hashed again:
 * a checkpoint costs the job master what changed, not the whole state.
 */
export class ChunkCache {
  private readonly chunks = new Map<string, CachedChunk>();

  clear(): void {
    this.chunks.clear();
  }

  resolve(uid: string, chunk: KeyedChunk): ResolvedChunk {
    const key = `${uid}/${chunk.keyGroups[0]}`;
    const cached = this.chunks.get(key);
    const data = () => chunkData(chunk.entries);
    if (cached && sameEntries(cached.entries, chunk.entries))
      return { sha256: cached.sha256, sizeBytes: cached.sizeBytes, data };
    const bytes = data();
    const fresh = { entries: chunk.entries, sha256: sha256Of(bytes), sizeBytes: bytes.length };
    this.chunks.set(key, fresh);
    return { sha256: fresh.sha256, sizeBytes: fresh.sizeBytes, data: () => bytes };
  }
}

const sameEntries = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((entry, i) => entry === b[i]);
