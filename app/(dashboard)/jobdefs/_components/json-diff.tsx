"use client";
// Side-by-side JSON of two normalized job definitions in Monaco's diff editor (the shared diff view).
import { DiffView } from "@/components/diff-view";

export function JsonDiff({ original, modified, originalLabel, modifiedLabel, id }: { original: string; modified: string; originalLabel: string; modifiedLabel: string; id: string }) {
  return <DiffView id={id} original={original} modified={modified} originalLabel={originalLabel} modifiedLabel={modifiedLabel} height="60vh" ariaLabel="Job definition JSON diff" />;
}
