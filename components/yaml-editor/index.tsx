"use client";
// Client-only entry: Monaco needs window, so it is never rendered on the server.
import dynamic from "next/dynamic";

export type { YamlEditorHandle, YamlEditorProps } from "./yaml-editor";
export type { CompletionData } from "./completion-context";
export type { Problem } from "./markers";

export const YamlEditor = dynamic(() => import("./yaml-editor"), {
  ssr: false,
  loading: () => <div className="skeleton editor-skeleton" aria-label="Loading editor" />,
});
