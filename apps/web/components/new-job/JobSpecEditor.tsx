'use client';

import { linter, lintGutter } from '@codemirror/lint';
import { basicSetup, EditorView } from 'codemirror';
import { jsonSchema } from 'codemirror-json-schema';
import { useEffect, useRef } from 'react';
import { jobSpecJsonSchema } from '@/lib/job-spec-json-schema';
import { specRefinementsLint } from './spec-refinements-lint';

interface Props {
  /** The text; a new value from outside (an example chosen) replaces what is in the editor. */
  value: string;
  onChange: (text: string) => void;
  /** The editor's accessible name. */
  label: string;
  /** Ids of what describes the text: a hint, its problems. */
  describedBy: string;
}

/**
 * A JSON editor for a job spec (CodeMirror 6): completion, hover help and marks on what is
 * wrong as one types, all from the spec's own schema. Browser-only: load it with next/dynamic
 * and `ssr: false`.
 */
export function JobSpecEditor({ value, onChange, label, describedBy }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The editor is made once; these carry what it needs from later renders.
  const initial = useRef({ value, label, describedBy });
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const { value: doc, label: name, describedBy: description } = initial.current;
    const editor = new EditorView({
      doc,
      parent: host.current ?? undefined,
      extensions: [
        basicSetup,
        jsonSchema(jobSpecJsonSchema()),
        linter(specRefinementsLint),
        lintGutter(),
        EditorView.contentAttributes.of({ 'aria-label': name, 'aria-describedby': description }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed.current(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
  }, []);

  useEffect(() => {
    const editor = view.current;
    // What the editor itself reported comes back equal: only a value from elsewhere is put in,
    // as one change, so undo brings back the text it replaced.
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="code-editor" data-testid="job-spec-editor" />;
}
