'use client';

import type { FlameTree } from '@weir/contract';
import { useMemo, useState } from 'react';
import { formatCount } from '@/lib/format';
import { childrenOf, type FrameKind, frameKind, idleNodes, layoutFlame } from './flame-layout';

const ROW_PX = 18;

const KINDS: Record<FrameKind, string> = {
  engine: 'Weir and job code',
  library: 'libraries',
  node: 'Node.js',
  v8: 'V8 (idle, GC, program)',
};

const percent = (part: number, whole: number) =>
  whole > 0 ? `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 2 : 1)} %` : '—';

/** `file:///…/dist/operators/parse-json.js` -> `operators/parse-json.js` */
function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const cut = Math.max(path.lastIndexOf('/dist/'), path.lastIndexOf('/node_modules/'));
  return cut >= 0 ? path.slice(path.indexOf('/', cut + 1) + 1) : path;
}

/**
 * A CPU profile as an icicle (the root on top, callees below their callers, each box as wide
 * as its share of the samples), drawn from the engine's tree as positioned buttons. Hovering
 * names the frame with its file, line and self and total shares; a click zooms into a frame,
 * a click on one of the full-width frames above it zooms back out.
 */
export function FlameGraph({ tree }: { tree: FlameTree }) {
  const children = useMemo(() => childrenOf(tree), [tree]);
  const [focus, setFocus] = useState(0);
  const [hovered, setHovered] = useState<number | null>(null);
  // Idle samples (the thread waiting for work) would squeeze what it did into a sliver.
  const [withIdle, setWithIdle] = useState(false);
  const idle = useMemo(() => idleNodes(tree), [tree]);
  const boxes = useMemo(
    () => layoutFlame(tree, focus, { children, hidden: withIdle ? undefined : idle }),
    [tree, focus, children, idle, withIdle],
  );
  const rows = boxes.reduce((most, b) => Math.max(most, b.depth + 1), 0);
  const all = tree.nodes[0]?.total ?? 0;
  const describe = (index: number) => {
    const node = tree.nodes[index];
    const frame = node ? tree.frames[node.frame] : undefined;
    if (!node || !frame) return null;
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.line}` : 'V8';
    return {
      name: frame.functionName,
      kind: frameKind(frame.url),
      title: `${frame.functionName} — ${frame.url || 'V8'}${frame.url ? `:${frame.line}` : ''}`,
      details: `${frame.functionName} — ${where} — self ${percent(node.self, all)}, total ${percent(node.total, all)} (${formatCount(node.total)} of ${formatCount(all)} samples)`,
    };
  };
  const shown = hovered === null ? null : describe(hovered);
  return (
    <div className="flame">
      <div className="flame-toolbar">
        <p className="flame-details small mono" aria-live="polite" data-testid="flame-details">
          {shown?.details ?? 'Hover over a frame for details; click one to zoom into it.'}
        </p>
        <label className="checkbox-field small">
          <input
            type="checkbox"
            checked={withIdle}
            onChange={(e) => {
              setWithIdle(e.target.checked);
              setFocus(0);
            }}
          />{' '}
          Idle time
        </label>
        <button
          type="button"
          className="button-quiet"
          disabled={focus === 0}
          onClick={() => setFocus(0)}
        >
          Reset zoom
        </button>
      </div>
      <ul className="flame-legend small" aria-label="Colours">
        {Object.entries(KINDS).map(([kind, label]) => (
          <li key={kind}>
            <span className={`flame-swatch flame-${kind}`} aria-hidden="true" /> {label}
          </li>
        ))}
      </ul>
      <section
        className="flame-graph"
        aria-label="Flame graph"
        style={{ height: rows * ROW_PX }}
        onMouseLeave={() => setHovered(null)}
      >
        {boxes.map((box) => {
          const about = describe(box.node);
          if (!about) return null;
          return (
            <button
              type="button"
              key={box.node}
              className={`flame-frame flame-${about.kind}${box.ancestor ? ' flame-ancestor' : ''}`}
              style={{
                left: `${box.x * 100}%`,
                width: `${box.width * 100}%`,
                top: box.depth * ROW_PX,
                height: ROW_PX - 1,
              }}
              title={about.title}
              aria-label={about.details}
              data-testid="flame-frame"
              data-focus={box.node === focus ? 'true' : undefined}
              onMouseEnter={() => setHovered(box.node)}
              onFocus={() => setHovered(box.node)}
              onClick={() => setFocus(box.node)}
            >
              {about.name}
            </button>
          );
        })}
      </section>
    </div>
  );
}
