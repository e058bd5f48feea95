// Config editor: config_custom.yaml in Monaco with live validation; admins save through a reviewed, audited flow.
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/lib/db";
import { getConfigEditorState } from "@/lib/data/config";
import { ConfigEditor } from "./_components/config-editor";
import { ConfigTabs } from "./_components/config-tabs";

export const metadata = { title: "Config" };
export const dynamic = "force-dynamic";

export default async function ConfigPage({ searchParams }: { searchParams: Promise<{ line?: string }> }) {
  const line = Number.parseInt((await searchParams).line ?? "", 10);
  const user = await requireUser("read");
  const state = await getConfigEditorState({ db: getDb(), user });
  const file = state.file;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Config</h1>
          <p>
            Editing <code aria-label="Config file path">{state.path}</code>
            {"size" in file ? <span className="muted"> · {(file.size / 1024).toFixed(1)} KB</span> : null}
          </p>
        </div>
        <ConfigTabs current="editor" />
      </div>
      {"error" in file ? (
        <Alert tone={file.code === "not-found" ? "info" : "err"} title={file.code === "not-found" ? "No config file yet." : "The config file cannot be edited."}>
          {file.message}
          {file.code === "not-found" && state.canWrite ? " Saving creates it." : null}
        </Alert>
      ) : null}
      {"error" in file && file.code !== "not-found" ? null : (
        <ConfigEditor
          initialText={"text" in file ? file.text : ""}
          initialHash={"hash" in file ? file.hash : null}
          jsonSchema={state.jsonSchema}
          initialDiagnostics={state.diagnostics}
          completion={state.completion}
          canWrite={state.canWrite}
          canReload={state.canReload}
          focusLine={Number.isInteger(line) && line > 0 ? line : undefined}
        />
      )}
    </div>
  );
}
