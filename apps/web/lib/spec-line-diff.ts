import { diffLines } from 'diff';

/** A line of one side: its number in that text (from 1) and its text. */
export interface DiffLine {
  line: number;
  text: string;
}

/**
 * One row of a side-by-side diff: a line both sides share, a changed line (a removed line
 * beside the added line that took its place; either may be missing), or a run of shared lines
 * folded away.
 */
export type DiffRow =
  | { kind: 'same'; left: DiffLine; right: DiffLine }
  | { kind: 'changed'; left: DiffLine | null; right: DiffLine | null }
  | { kind: 'folded'; count: number };

const linesOf = (value: string) => {
  const lines = value.split('\n');
  // A chunk's last line ends with a newline, which split turns into an empty last item.
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** Every row, nothing folded: removed lines are paired with the added lines that follow. */
function allRows(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  const changes = diffLines(before, after);
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i];
    if (!change) continue;
    if (!change.added && !change.removed) {
      for (const text of linesOf(change.value)) {
        rows.push({ kind: 'same', left: { line: left++, text }, right: { line: right++, text } });
      }
      continue;
    }
    // jsdiff reports a replacement as a removal followed by an addition.
    const next = changes[i + 1];
    const removed = change.removed ? linesOf(change.value) : [];
    const added = change.added ? linesOf(change.value) : next?.added ? linesOf(next.value) : [];
    if (change.removed && next?.added) i += 1;
    for (let k = 0; k < Math.max(removed.length, added.length); k += 1) {
      const gone = removed[k];
      const come = added[k];
      rows.push({
        kind: 'changed',
        left: gone === undefined ? null : { line: left++, text: gone },
        right: come === undefined ? null : { line: right++, text: come },
      });
    }
  }
  return rows;
}

/**
 * Two texts (pretty-printed specs) side by side, line by line, with runs of unchanged lines
 * longer than `context` lines either side of a change folded, so a one-line change in a long
 * spec reads at a glance. Lines are compared by jsdiff (Myers' algorithm), which keeps the
 * pairing of a changed line with its replacement stable where a hand-rolled LCS would not.
 */
export function sideBySide(before: string, after: string, context = 3): DiffRow[] {
  const rows = allRows(before, after);
  const folded: DiffRow[] = [];
  let start = 0;
  while (start < rows.length) {
    if (rows[start]?.kind !== 'same') {
      folded.push(rows[start] as DiffRow);
      start += 1;
      continue;
    }
    let end = start;
    while (end < rows.length && rows[end]?.kind === 'same') end += 1;
    // Lines kept before the next change and after the previous one; none at either end.
    const keepHead = start === 0 ? 0 : context;
    const keepTail = end === rows.length ? 0 : context;
    const run = rows.slice(start, end);
    if (run.length > keepHead + keepTail + 1) {
      folded.push(...run.slice(0, keepHead));
      folded.push({ kind: 'folded', count: run.length - keepHead - keepTail });
      folded.push(...run.slice(run.length - keepTail));
    } else {
      folded.push(...run);
    }
    start = end;
  }
  return folded;
}
