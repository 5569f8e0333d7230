import { useMemo } from 'react';
import { type DiffLine, type DiffRow, sideBySide } from '@/lib/spec-line-diff';
import type { JobVersion } from '@/lib/trpc/types';

const pretty = (version: JobVersion) => JSON.stringify(version.spec, null, 2);

/** One side of a row: its line number and text, marked when it is not on the other side. */
function Side({ line, mark }: { line: DiffLine | null; mark: '−' | '+' | null }) {
  if (!line) return <td colSpan={2} className="diff-empty" />;
  const change = mark === '−' ? 'diff-removed' : mark === '+' ? 'diff-added' : undefined;
  return (
    <>
      <td className="diff-num">{line.line}</td>
      <td className={change} data-change={change}>
        {mark ? <span className="diff-mark">{mark} </span> : null}
        {line.text}
      </td>
    </>
  );
}

function Row({ row }: { row: DiffRow }) {
  if (row.kind === 'folded') {
    return (
      <tr>
        <td colSpan={4} className="diff-folded">
          {row.count} unchanged lines
        </td>
      </tr>
    );
  }
  const changed = row.kind === 'changed';
  return (
    <tr>
      <Side line={row.left} mark={changed ? '−' : null} />
      <Side line={row.right} mark={changed ? '+' : null} />
    </tr>
  );
}

/**
 * Two versions' specs side by side, pretty-printed, line against line: what the later one
 * removed on the left, what it added on the right, long unchanged stretches folded.
 */
export function VersionDiff({ older, newer }: { older: JobVersion; newer: JobVersion }) {
  const rows = useMemo(() => sideBySide(pretty(older), pretty(newer)), [older, newer]);
  const label = `Spec of version ${older.version} beside version ${newer.version}`;
  return (
    <section aria-labelledby="version-diff-heading" data-testid="version-diff">
      <h3 id="version-diff-heading">
        Version {older.version} → version {newer.version}
      </h3>
      {rows.some((row) => row.kind === 'changed') ? (
        <div className="diff-scroll">
          <table aria-label={label} className="diff-table">
            <colgroup>
              <col className="diff-num-col" />
              <col />
              <col className="diff-num-col" />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="colgroup" colSpan={2}>
                  Version {older.version}
                </th>
                <th scope="colgroup" colSpan={2}>
                  Version {newer.version}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // Rows have no identity of their own; the list is rebuilt whole on any change.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <Row key={i} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="state state-empty">The two versions run the same spec.</p>
      )}
    </section>
  );
}
