"use client";
// Client-only entry for the Monaco diff editor.
import dynamic from "next/dynamic";

export type { DiffViewProps } from "./diff-view";

export const DiffView = dynamic(() => import("./diff-view"), {
  ssr: false,
  loading: () => <div className="skeleton editor-skeleton" aria-label="Loading diff" />,
});
