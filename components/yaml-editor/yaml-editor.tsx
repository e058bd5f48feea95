"use client";
// The config editor itself: Monaco with monaco-yaml (schema markers, hover, completion), the engine's semantic
// markers, completion of live values, and a problems list built from all markers (keyboard and screen-reader
// friendly, and what tells the admin where to look).
import Editor, { type OnMount } from "@monaco-editor/react";
import { useEffect, useRef, useState } from "react";
import type { JSONSchema } from "monaco-yaml";
import type { Diagnostic } from "@/lib/config/types";
import { completionKind, suggestionsFor, type CompletionData } from "./completion-context";
import { ENGINE_MARKER_OWNER, severityName, toMarker, type Problem } from "./markers";
import { CONFIG_MODEL_PATH, configureConfigSchema, monaco } from "./monaco-setup";

export type YamlEditorHandle = { revealLine: (line: number, col?: number) => void; focus: () => void };

export type YamlEditorProps = {
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  jsonSchema: object;
  diagnostics: Diagnostic[];
  completionData: CompletionData;
  ariaLabel: string;
  height?: string;
  onProblems?: (problems: Problem[]) => void;
  onReady?: (handle: YamlEditorHandle) => void;
};

// Registered once per page; they read the latest data of whichever editor is mounted.
let liveCompletionData: CompletionData = { executors: [], bundles: [], modules: [], jobDefinitions: [] };
const fixesByModel = new WeakMap<object, Diagnostic[]>();
let providersRegistered = false;

function registerProviders() {
  if (providersRegistered) return;
  providersRegistered = true;
  monaco.languages.registerCompletionItemProvider("yaml", {
    triggerCharacters: [" ", ":", '"'],
    provideCompletionItems(model, position) {
      const kind = completionKind(model.getValue(), position.lineNumber, position.column);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const suggestions = suggestionsFor(kind, liveCompletionData).map((s) => ({
        label: s.label,
        insertText: s.insertText,
        detail: s.detail,
        kind: kind === "moduleKey" ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Value,
        range,
      }));
      return { suggestions };
    },
  });
  monaco.languages.registerCodeActionProvider("yaml", {
    provideCodeActions(model, range) {
      const actions = (fixesByModel.get(model) ?? [])
        .filter((d) => d.fix?.replacement !== undefined && d.range.start.line <= range.endLineNumber && d.range.end.line >= range.startLineNumber)
        .map((d) => ({
          title: d.fix!.title,
          kind: "quickfix",
          isPreferred: true,
          edit: {
            edits: [
              {
                resource: model.uri,
                versionId: model.getVersionId(),
                textEdit: {
                  range: new monaco.Range(d.range.start.line, d.range.start.col, d.range.end.line, d.range.end.col),
                  text: d.fix!.replacement!,
                },
              },
            ],
          },
        }));
      return { actions, dispose() {} };
    },
  });
}

export default function YamlEditor(props: YamlEditorProps) {
  const { value, onChange, readOnly, jsonSchema, diagnostics, completionData, ariaLabel, height = "62vh", onProblems, onReady } = props;
  const [model, setModel] = useState<ReturnType<typeof monaco.editor.createModel> | null>(null);
  const onProblemsRef = useRef(onProblems);
  onProblemsRef.current = onProblems;

  liveCompletionData = completionData;

  useEffect(() => {
    if (!model) return;
    fixesByModel.set(model, diagnostics);
    monaco.editor.setModelMarkers(model, ENGINE_MARKER_OWNER, diagnostics.map(toMarker));
  }, [model, diagnostics]);

  useEffect(() => {
    if (!model) return;
    const publish = () => {
      const seen = new Set<string>();
      const problems = monaco.editor
        .getModelMarkers({ resource: model.uri })
        .map((m): Problem => {
          const fromEngine = m.owner === ENGINE_MARKER_OWNER;
          const code = typeof m.code === "string" ? m.code : (m.code?.value ?? "");
          return {
            severity: severityName(m.severity),
            line: m.startLineNumber,
            col: m.startColumn,
            // monaco-yaml's codes are bare numbers: name the source instead.
            code: fromEngine ? code : "schema",
            message: m.message,
            source: fromEngine ? "gp-batch" : "schema",
          };
        })
        // The engine reports syntax errors too: show each message once per position.
        .sort((a, b) => a.line - b.line || a.col - b.col || (a.source === "gp-batch" ? -1 : 1))
        .filter((p) => {
          const key = `${p.line}:${p.col}:${p.message}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      onProblemsRef.current?.(problems);
    };
    publish();
    const sub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === model.uri.toString())) publish();
    });
    return () => sub.dispose();
  }, [model]);

  const handleMount: OnMount = (editor) => {
    setModel(editor.getModel());
    onReady?.({
      revealLine(line, col = 1) {
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column: col });
        editor.focus();
      },
      focus: () => editor.focus(),
    });
  };

  return (
    <div className="yaml-editor">
      <Editor
        height={height}
        language="yaml"
        path={CONFIG_MODEL_PATH}
        value={value}
        onChange={(text) => onChange?.(text ?? "")}
        beforeMount={() => {
          configureConfigSchema(jsonSchema as JSONSchema);
          registerProviders();
        }}
        onMount={handleMount}
        loading={<div className="skeleton" style={{ height }} aria-label="Loading editor" />}
        options={{
          readOnly,
          domReadOnly: readOnly,
          readOnlyMessage: { value: "You can view the config but not change it (viewer role)." },
          ariaLabel,
          minimap: { enabled: false },
          fontSize: 13,
          tabSize: 2,
          insertSpaces: true,
          detectIndentation: false,
          renderWhitespace: "boundary",
          scrollBeyondLastLine: false,
          automaticLayout: true,
          quickSuggestions: { other: true, comments: false, strings: true },
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}
