import type { Diagnostic } from '@codemirror/lint';
import type { EditorView } from '@codemirror/view';
import { JobSpecSchema } from '@weir/contract';
import { getJsonPointers, type JSONPointersMap } from 'codemirror-json-schema';

/** Where an issue's path is in the text: the field itself, else the nearest object holding it. */
function spanOf(pointers: JSONPointersMap, path: PropertyKey[]): { from: number; to: number } {
  for (let depth = path.length; depth > 0; depth--) {
    const at = pointers.get(`/${path.slice(0, depth).map(String).join('/')}`);
    if (at) return { from: at.keyFrom, to: 'valueTo' in at ? at.valueTo : at.keyTo };
  }
  return { from: 0, to: 0 };
}

/**
 * Marks in the editor what JobSpecSchema checks beyond its JSON Schema (a uid used twice, an
 * edge to no operator, a hash edge without keyField, parallelism above maxParallelism): its
 * refinements, the `custom` issues. The JSON Schema linter marks everything else, and text
 * that is not JSON yet is the parse linter's.
 */
export function specRefinementsLint(view: EditorView): Diagnostic[] {
  let json: unknown;
  try {
    json = JSON.parse(view.state.doc.toString());
  } catch {
    return [];
  }
  const parsed = JobSpecSchema.safeParse(json);
  if (parsed.success) return [];
  const pointers = getJsonPointers(view.state, 'json4');
  return parsed.error.issues
    .filter((issue) => issue.code === 'custom')
    .map((issue) => ({
      ...spanOf(pointers, issue.path),
      severity: 'error',
      message: issue.message,
    }));
}
