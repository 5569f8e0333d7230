import { describe, expect, it } from 'vitest';
import { planSegment, SegmentLocations } from './segment-plan.js';

const piece = (text: string) => Buffer.from(text);

describe('planning a snapshot segment', () => {
  it('refers to stored pieces where they are and writes the rest once, in order', () => {
    const locations = new SegmentLocations();
    const [a, b, c] = [piece('aaaa'), piece('bbbb'), piece('cccc')];
    const first = planSegment(
      [a, b, b, c],
      (p) => locations.locate(p),
      () => true,
    );
    expect(first.fresh).toEqual([
      [a, 0],
      [b, 4],
      [c, 8],
    ]);
    locations.record(
      { name: 'seg1', facts: { sizeBytes: 12, sha256: 'x' }, pieces: first.fresh },
      new Set(['seg1']),
    );
    const d = piece('dd');
    const second = planSegment(
      [a, d, c],
      (p) => locations.locate(p),
      () => true,
    );
    expect(second.fresh).toEqual([[d, 0]]);
    expect(second.placeOf.get(c)).toMatchObject({ segment: 'seg1', offset: 8, length: 4 });
    expect([...second.reused.keys()]).toEqual(['seg1']);
  });

  it('writes pieces again whose segment is gone or mostly dead', () => {
    const locations = new SegmentLocations();
    const pieces = [piece('aaaa'), piece('bbbb'), piece('cccc')];
    const first = planSegment(
      pieces,
      () => undefined,
      () => true,
    );
    locations.record(
      { name: 'seg1', facts: { sizeBytes: 12, sha256: 'x' }, pieces: first.fresh },
      new Set(['seg1']),
    );
    const locate = (p: Uint8Array) => locations.locate(p);
    // Two thirds still needed: kept. One third: written again rather than keep 12 bytes for 4.
    expect(planSegment(pieces.slice(0, 2), locate, () => true).fresh).toEqual([]);
    expect(planSegment(pieces.slice(0, 1), locate, () => true).fresh).toEqual([[pieces[0], 0]]);
    // Not on disk any more (a prune took it): written again.
    expect(planSegment(pieces, locate, () => false).fresh).toHaveLength(3);
    // Forgotten once no snapshot refers to it.
    locations.record(null, new Set());
    expect(locations.locate(pieces[0] as Uint8Array)).toBeUndefined();
  });
});
