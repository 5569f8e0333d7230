import { describe, expect, it } from 'vitest';
import { ChunkCache } from './chunk-cache.js';
import { chunkData } from './chunking.js';
import { sha256Of } from './manifest.js';

const entry = (text: string) => Buffer.from(text);

describe('ChunkCache', () => {
  it('gives the hash and bytes of a chunk, and does not hash the very same entries again', () => {
    const cache = new ChunkCache();
    const entries = [entry('[0,{"n":1}]'), entry('[1,{"n":2}]')];
    const first = cache.resolve('win', { keyGroups: [0, 1], entries });
    const bytes = chunkData(entries);
    expect(first.data()).toEqual(bytes);
    expect(first).toMatchObject({ sha256: sha256Of(bytes), sizeBytes: bytes.length });

    // Equal bytes in new arrays are hashed again, to the same hash.
    const copies = entries.map((e) => Buffer.from(e));
    expect(cache.resolve('win', { keyGroups: [0, 1], entries: copies }).sha256).toBe(first.sha256);
    // The same arrays are not hashed at all: changed in place (which the runtime never does:
    // nothing mutates what a subtask sent), they still get the hash they had.
    (copies[0] as Buffer).write('9', 8);
    const again = cache.resolve('win', { keyGroups: [0, 1], entries: copies });
    expect(again.sha256).toBe(first.sha256);
    expect(again.data().toString()).toBe('[[0,{"n":9}],[1,{"n":2}]]');
  });

  it('tells a changed chunk apart, per operator and key-group range', () => {
    const cache = new ChunkCache();
    const a = [entry('[0,1]')];
    const first = cache.resolve('win', { keyGroups: [0, 0], entries: a });
    const changed = cache.resolve('win', { keyGroups: [0, 0], entries: [entry('[0,2]')] });
    expect(changed.sha256).not.toBe(first.sha256);
    expect(changed.sha256).toBe(sha256Of(Buffer.from('[[0,2]]')));
    const other = cache.resolve('dedupe', { keyGroups: [0, 0], entries: [entry('[0,3]')] });
    expect(other.sha256).toBe(sha256Of(Buffer.from('[[0,3]]')));
  });
});
