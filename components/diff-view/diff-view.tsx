"use client";
// Side-by-side (or inline) diff of two YAML texts in Monaco's diff editor, read-only.
import { DiffEditor } from "@monaco-editor/react";
import "@/components/yaml-editor/monaco-setup";

export type DiffViewProps = {
  original: string;
  modified: string;
  /** Distinct per view, so two diff editors on a page never share models. */
  id: string;
  originalLabel?: string;
  modifiedLabel?: string;
  height?: string;
  inline?: boolean;
  ariaLabel?: string;
};

export default function DiffView({ original, modified, id, originalLabel, modifiedLabel, height = "50vh", inline = false, ariaLabel }: DiffViewProps) {
  return (
    <figure className="diff-view" aria-label={ariaLabel ?? "Diff"}>
      {originalLabel || modifiedLabel ? (
        <figcaption className="diff-view-labels">
          <span>{originalLabel}</span>
          <span>{modifiedLabel}</span>
        </figcaption>
      ) : null}
      <DiffEditor
        height={height}
        language="yaml"
        original={original}
        modified={modified}
        originalModelPath={`inmemory://diff/${id}/original.yaml`}
        modifiedModelPath={`inmemory://diff/${id}/modified.yaml`}
        loading={<div className="skeleton editor-skeleton" aria-label="Loading diff" />}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: !inline,
          hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fontSize: 12.5,
          ariaLabel: ariaLabel ?? "Diff",
        }}
      />
    </figure>
  );
}
