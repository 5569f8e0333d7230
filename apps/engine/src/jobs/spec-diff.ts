import type { JobSpec, SpecDiff } from '@weir/contract';

/** How deep field names go: `config.window.sizeMs`, not the whole config. */
const DEPTH = 3;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The dotted paths under which `a` and `b` differ, down to DEPTH levels. */
function changedPaths(a: unknown, b: unknown, at: string, depth: number): string[] {
  if (isRecord(a) && isRecord(b) && depth < DEPTH) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) =>
      changedPaths(a[key], b[key], at ? `${at}.${key}` : key, depth + 1),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

/**
 * What changes from one spec to the next, by operator uid (the identity state is restored
 * by): operators added, removed, and changed with the fields that differ; job-level settings
 * that differ, edges as one setting.
 */
export function diffSpecs(from: JobSpec, to: JobSpec): SpecDiff {
  const before = new Map(from.operators.map((op) => [op.uid, op]));
  const after = new Map(to.operators.map((op) => [op.uid, op]));
  const brief = (op: { uid: string; kind: string }) => ({ uid: op.uid, kind: op.kind });
  const { operators: _a, edges: edgesBefore, ...settingsBefore } = from;
  const { operators: _b, edges: edgesAfter, ...settingsAfter } = to;
  const edgeSet = (edges: JobSpec['edges']) => edges.map((e) => JSON.stringify(e)).sort();
  return {
    added: to.operators.filter((op) => !before.has(op.uid)).map(brief),
    removed: from.operators.filter((op) => !after.has(op.uid)).map(brief),
    changed: to.operators.flatMap((op) => {
      const previous = before.get(op.uid);
      const fields = previous ? changedPaths(previous, op, '', 0) : [];
      return fields.length > 0 ? [{ ...brief(op), fields }] : [];
    }),
    settings: [
      ...changedPaths(settingsBefore, settingsAfter, '', 0),
      ...changedPaths(edgeSet(edgesBefore), edgeSet(edgesAfter), 'edges', DEPTH),
    ],
  };
}

/** "added a, b; removed c; changed d (config.sizeMs); settings: edges", or "no changes". */
export function describeDiff(diff: SpecDiff): string {
  const uids = (ops: { uid: string }[]) => ops.map((op) => op.uid).join(', ');
  const parts = [
    diff.added.length > 0 ? `added ${uids(diff.added)}` : '',
    diff.removed.length > 0 ? `removed ${uids(diff.removed)}` : '',
    diff.changed.length > 0
      ? `changed ${diff.changed.map((op) => `${op.uid} (${op.fields.join(', ')})`).join(', ')}`
      : '',
    diff.settings.length > 0 ? `settings: ${diff.settings.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'no changes';
}
