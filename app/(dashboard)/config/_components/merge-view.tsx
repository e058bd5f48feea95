"use client";
// Conflict view: the file changed on disk after the editor loaded it. Shows base → theirs and base → mine, and
// lets the admin take theirs, keep mine, or edit a three-way merge (conflicts marked in the text).
import { useMemo } from "react";
import { DiffView } from "@/components/diff-view";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { mergeThreeWay } from "@/lib/config/three-way";

export type MergeInput = { base: string; mine: string; theirs: { text: string; hash: string } | null; message: string };

type Props = MergeInput & {
  /** Continue editing `text`, now based on what is on disk (`theirs`). */
  onResolve: (text: string, choice: "theirs" | "mine" | "merge") => void;
};

export function MergeView({ base, mine, theirs, message, onResolve }: Props) {
  const theirText = theirs?.text ?? "";
  const merged = useMemo(() => mergeThreeWay(base, mine, theirText), [base, mine, theirText]);
  return (
    <section className="card" aria-label="Resolve conflict">
      <h2>The file changed while you were editing</h2>
      <Alert tone="warn">{message}</Alert>
      <p>
        {merged.clean
          ? "Your edit and the change on disk touch different lines: the merge below combines both without conflicts."
          : `${merged.conflicts.length} conflicting change${merged.conflicts.length === 1 ? "" : "s"}: both sides changed the same lines. Edit the merge to choose between them (marked <<<<<<< mine … >>>>>>> theirs).`}
      </p>
      <div className="row">
        <Button onClick={() => onResolve(theirText, "theirs")}>Take theirs</Button>
        <Button onClick={() => onResolve(mine, "mine")}>Keep mine</Button>
        <Button variant="primary" onClick={() => onResolve(merged.text, "merge")}>
          {merged.clean ? "Use the merge" : "Edit the merge"}
        </Button>
      </div>
      <div className="grid-2 merge-diffs">
        <div>
          <h3>Changed on disk (base → theirs)</h3>
          <DiffView id="merge-theirs" original={base} modified={theirText} height="38vh" inline ariaLabel="Changes on disk" />
        </div>
        <div>
          <h3>Your changes (base → mine)</h3>
          <DiffView id="merge-mine" original={base} modified={mine} height="38vh" inline ariaLabel="Your changes" />
        </div>
      </div>
    </section>
  );
}
