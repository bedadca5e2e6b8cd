'use client';

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface LocatedIssue {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** Diagnostics for the editor: each issue underlines from its column to the end of its line. */
function diagnostics(state: EditorState, issues: LocatedIssue[]): Diagnostic[] {
  return issues.map((i) => {
    const line = state.doc.line(Math.min(Math.max(i.line, 1), state.doc.lines));
    const from = Math.min(line.from + Math.max(i.column - 1, 0), line.to);
    return { from, to: Math.max(line.to, from), severity: 'error', message: i.path ? `${i.path}: ${i.message}` : i.message };
  });
}

/**
 * A YAML editor (CodeMirror 6): syntax highlighting, line numbers, undo, and the server's errors
 * marked at their lines in the gutter and the text.
 */
export function YamlEditor({ value, onChange, issues, label }: { value: string; onChange: (text: string) => void; issues: LocatedIssue[]; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  });

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => u.docChanged && change.current(u.state.doc.toString())),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // The editor owns the text after mount; `value` changes from outside go through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A file loaded from disk replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, diagnostics(v.state, issues)));
  }, [issues]);

  return <div ref={host} className="min-h-64 overflow-hidden rounded-md border border-slate-300 bg-white text-sm text-slate-900 dark:border-slate-700" />;
}
