"use client";
// The Config page's editor: live schema + GP-semantics markers, completion, external-change detection,
// the review/save flow and the conflict merge. Viewers get the same editor read-only and no save.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { YamlEditor, type Problem, type YamlEditorHandle } from "@/components/yaml-editor";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Diagnostic } from "@/lib/config/types";
import type { CompletionData } from "@/lib/data/config";
import { configHashAction, currentConfigAction, reloadGpAction, validateConfigAction } from "../actions";
import { MergeView, type MergeInput } from "./merge-view";
import { ProblemsList } from "./problems-list";
import { ReviewSave, type SavedInfo } from "./review-save";

type Props = {
  initialText: string;
  initialHash: string | null;
  jsonSchema: object;
  initialDiagnostics: Diagnostic[];
  completion: CompletionData;
  canWrite: boolean;
  canReload: boolean;
  /** Line to show on open: provenance links elsewhere point here as /config?line=N. */
  focusLine?: number;
};

/** Longer pauses for big files: server actions from one page run one at a time, so a slow validation would queue. */
const validateDelayMs = (text: string) => Math.min(3_000, 400 + Math.floor(text.length / 1_000));
const POLL_MS = 3_000;

export function ConfigEditor(props: Props) {
  const router = useRouter();
  const [text, setText] = useState(props.initialText);
  const [base, setBase] = useState({ text: props.initialText, hash: props.initialHash });
  const [diagnostics, setDiagnostics] = useState(props.initialDiagnostics);
  const [completion, setCompletion] = useState(props.completion);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [mode, setMode] = useState<"edit" | "review" | "merge">("edit");
  const [merge, setMerge] = useState<MergeInput | null>(null);
  const [externalHash, setExternalHash] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "err" | "info"; text: string } | null>(null);
  const [reloading, setReloading] = useState(false);
  const editor = useRef<YamlEditorHandle | null>(null);
  const validateSeq = useRef(0);
  const baseHash = useRef(base.hash);
  baseHash.current = base.hash;
  const dirty = text !== base.text;

  // Semantic validation on the server, debounced; stale answers are dropped.
  useEffect(() => {
    const seq = ++validateSeq.current;
    const timer = setTimeout(async () => {
      const r = await validateConfigAction({ text });
      if (!r.ok || seq !== validateSeq.current) return;
      setDiagnostics(r.data.diagnostics);
      setCompletion((c) => ({ ...c, executors: r.data.executors, bundles: r.data.bundles }));
    }, validateDelayMs(text));
    return () => clearTimeout(timer);
  }, [text]);

  // Detect edits of the file made elsewhere (another admin, or on disk) while this editor is open.
  useEffect(() => {
    if (mode === "merge") return;
    const timer = setInterval(async () => {
      const r = await configHashAction({});
      // Compare with the base as it is when the answer arrives: a save may have finished meanwhile.
      if (r.ok) setExternalHash(r.data.hash !== baseHash.current ? r.data.hash : null);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [mode]);

  const openMerge = useCallback(
    (theirs: { text: string; hash: string } | null, message: string) => {
      setMerge({ base: base.text, mine: text, theirs, message });
      setMode("merge");
    },
    [base.text, text],
  );

  async function handleExternalChange(action: "load" | "merge") {
    const r = await currentConfigAction({});
    if (!r.ok) return setNotice({ tone: "err", text: r.message });
    const current = r.data;
    if (action === "load" || !dirty) {
      setText(current?.text ?? "");
      setBase({ text: current?.text ?? "", hash: current?.hash ?? null });
      setExternalHash(null);
      setNotice({ tone: "info", text: "Loaded the version that is on disk now." });
      return;
    }
    openMerge(current, "The file on disk changed since you loaded it. Merge your edit with it before saving.");
  }

  function resolveMerge(resolved: string, choice: "theirs" | "mine" | "merge") {
    const theirs = merge?.theirs;
    setBase({ text: theirs?.text ?? "", hash: theirs?.hash ?? null });
    setText(resolved);
    setExternalHash(null);
    setMerge(null);
    setMode("edit");
    const what = { theirs: "Took the version on disk.", mine: "Kept your version; it will replace the one on disk when you save.", merge: "Merged: check the result, then save." };
    setNotice({ tone: "info", text: what[choice] });
  }

  async function reloadGp() {
    setReloading(true);
    const r = await reloadGpAction({});
    setReloading(false);
    if (!r.ok) return setNotice({ tone: "err", text: r.message });
    setNotice(r.data.ok ? { tone: "ok", text: `GenePattern answered: ${r.data.answer}` } : { tone: "err", text: r.data.message });
  }

  function saved(info: SavedInfo) {
    setBase({ text, hash: info.hash });
    setExternalHash(null);
    setMode("edit");
    const savedText = info.unchanged ? "Nothing to save: the file already has this text." : `Saved revision #${info.revisionId}.`;
    const reload = info.reloadMessage;
    setNotice(reload ? { tone: reload.tone, text: `${savedText} ${reload.text}` } : { tone: "ok", text: savedText });
    router.refresh();
  }

  const errorCount = problems.filter((p) => p.severity === "error").length;

  return (
    <div className="config-editor">
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {externalHash !== null && mode === "edit" ? (
        <div className="alert alert-warn" role="alert">
          <strong>The config file changed on disk</strong> since you loaded it (another admin or an edit on the server).{" "}
          <span className="row inline-actions">
            <Button size="small" onClick={() => handleExternalChange("load")}>
              Load the new version{dirty ? " (discard my edits)" : ""}
            </Button>
            {dirty && props.canWrite ? (
              <Button size="small" onClick={() => handleExternalChange("merge")}>
                Merge with my edits
              </Button>
            ) : null}
          </span>
        </div>
      ) : null}

      <div hidden={mode !== "edit"}>
        <div className="toolbar">
          {props.canWrite ? (
            <>
              <Button variant="primary" disabled={!dirty} onClick={() => setMode("review")}>
                Review and save
              </Button>
              <Button disabled={!dirty} onClick={() => setText(base.text)}>
                Discard changes
              </Button>
              <span className="muted small" aria-live="polite">
                {dirty ? "Unsaved changes" : "No unsaved changes"}
                {errorCount > 0 ? ` · ${errorCount} error${errorCount === 1 ? "" : "s"} must be fixed before saving` : ""}
              </span>
              {props.canReload ? (
                <Button className="push-right" pending={reloading} onClick={reloadGp} title="POST /gp/rest/JobConfiguration method=reloadConfigFile">
                  Reload GenePattern config
                </Button>
              ) : null}
            </>
          ) : (
            <span className="badge" role="status">
              Read-only: your role can view the config but not change it
            </span>
          )}
        </div>
        <YamlEditor
          value={text}
          onChange={setText}
          readOnly={!props.canWrite}
          jsonSchema={props.jsonSchema}
          diagnostics={diagnostics}
          completionData={completion}
          ariaLabel="Config editor"
          onProblems={setProblems}
          onReady={(handle) => {
            editor.current = handle;
            if (props.focusLine) handle.revealLine(props.focusLine);
          }}
        />
        <ProblemsList problems={problems} onSelect={(p) => editor.current?.revealLine(p.line, p.col)} />
      </div>

      {mode === "review" ? (
        <ReviewSave text={text} base={base} canReload={props.canReload} onCancel={() => setMode("edit")} onSaved={saved} onConflict={openMerge} />
      ) : null}
      {mode === "merge" && merge ? <MergeView {...merge} onResolve={resolveMerge} /> : null}
    </div>
  );
}
