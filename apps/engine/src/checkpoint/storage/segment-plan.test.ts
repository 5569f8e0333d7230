import { describe, expect, it } from 'vitest';
import { type NewSegment, planSegment, SegmentLocations } from './segment-plan.js';

const piece = (text: string) => Buffer.from(text);
const stored = (locations: SegmentLocations, name: string, segment: NewSegment) =>
  locations.record(
    [{ name, facts: { sizeBytes: segment.sizeBytes, sha256: name }, segment }],
    new Set([name]),
  );

describe('planning a snapshot segment', () => {
  it('refers to stored pieces where they are and writes the rest once, in order', () => {
    const locations = new SegmentLocations();
    const [a, b, c] = [piece('aaaa'), piece('bbbb'), piece('cccc')];
    const first = planSegment(
      [a, b, b, c],
      (p) => locations.locate(p),
      () => true,
    );
    expect(first.fresh).toEqual({
      pieces: [
        [a, 0],
        [b, 4],
        [c, 8],
      ],
      sizeBytes: 12,
    });
    stored(locations, 'seg1', first.fresh);
    const d = piece('dd');
    const second = planSegment(
      [a, d, c],
      (p) => locations.locate(p),
      () => true,
    );
    expect(second.fresh.pieces).toEqual([[d, 0]]);
    expect(second.moved.pieces).toEqual([]);
    expect(second.placeOf.get(c)).toMatchObject({ segment: 'seg1', offset: 8, length: 4 });
    expect([...second.reused.keys()]).toEqual(['seg1']);
  });

  it('moves pieces out of a segment gone or mostly dead, apart from fresh ones', () => {
    const locations = new SegmentLocations();
    const pieces = [piece('aaaa'), piece('bbbb'), piece('cccc')];
    stored(
      locations,
      'seg1',
      planSegment(
        pieces,
        () => undefined,
        () => true,
      ).fresh,
    );
    const locate = (p: Uint8Array) => locations.locate(p);
    // Two thirds still needed: kept. One third: moved rather than keep 12 bytes for 4.
    expect(planSegment(pieces.slice(0, 2), locate, () => true).moved.pieces).toEqual([]);
    const d = piece('dd');
    const plan = planSegment([pieces[0] as Uint8Array, d], locate, () => true);
    expect(plan.moved.pieces).toEqual([[pieces[0], 0]]);
    expect(plan.fresh.pieces).toEqual([[d, 0]]);
    expect(plan.reused.size).toBe(0);
    // Not on disk any more (a prune took it): moved.
    expect(planSegment(pieces, locate, () => false).moved.pieces).toHaveLength(3);
    // Forgotten once no snapshot refers to it.
    locations.record([], new Set());
    expect(locations.locate(pieces[0] as Uint8Array)).toBeUndefined();
  });
});
