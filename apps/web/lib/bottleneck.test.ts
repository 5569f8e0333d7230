import { describe, expect, it } from 'vitest';
import { findBottleneck } from './bottleneck';

const vertex = (id: string, busyRatio: number, backpressuredRatio: number) => ({
  id,
  name: id,
  metrics: { busyRatio, backpressuredRatio },
});
const edge = (source: string, target: string) => ({ source, target });

describe('findBottleneck', () => {
  it('picks the busy vertex below a chain of backpressured ones', () => {
    const found = findBottleneck(
      [
        vertex('src', 0.1, 0.9),
        vertex('parse', 0.2, 0.7),
        vertex('agg', 0.95, 0),
        vertex('sink', 0.1, 0),
      ],
      [edge('src', 'parse'), edge('parse', 'agg'), edge('agg', 'sink')],
    );
    expect(found?.vertexId).toBe('agg');
    expect(found?.heldBack).toEqual(['parse', 'src']);
    expect(found?.reason).toMatch(/^Busy 95%.*parse, src are backpressured/);
  });

  it('finds none when nothing is backpressured, however busy a vertex is', () => {
    expect(
      findBottleneck([vertex('src', 1, 0), vertex('sink', 0.9, 0)], [edge('src', 'sink')]),
    ).toBeNull();
  });

  it('finds none when the vertex below the backpressure is not busy', () => {
    expect(
      findBottleneck([vertex('src', 0.1, 0.9), vertex('sink', 0.3, 0)], [edge('src', 'sink')]),
    ).toBeNull();
  });

  it('does not blame a busy vertex that is itself backpressured', () => {
    const found = findBottleneck(
      [vertex('src', 0.1, 0.9), vertex('map', 0.85, 0.6), vertex('sink', 0.9, 0)],
      [edge('src', 'map'), edge('map', 'sink')],
    );
    expect(found?.vertexId).toBe('sink');
  });

  it('prefers the vertex holding back the longest chain, then the busier one', () => {
    const vertices = [
      vertex('a', 0, 0.9),
      vertex('b', 0, 0.9),
      vertex('slow', 0.85, 0),
      vertex('c', 0, 0.9),
      vertex('slower', 0.99, 0),
    ];
    const found = findBottleneck(vertices, [
      edge('a', 'b'),
      edge('b', 'slow'),
      edge('c', 'slower'),
    ]);
    expect(found?.vertexId).toBe('slow');
    const tie = findBottleneck(vertices, [edge('a', 'slow'), edge('c', 'slower')]);
    expect(tie?.vertexId).toBe('slower');
  });

  it('ignores a busy vertex whose backpressured neighbour is downstream, not upstream', () => {
    expect(
      findBottleneck([vertex('src', 0.9, 0), vertex('sink', 0, 0.9)], [edge('src', 'sink')]),
    ).toBeNull();
  });
});
