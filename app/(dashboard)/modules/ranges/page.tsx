// Version-range rules: the dashboard's own rules, compiled into exact full-LSID keys in module.properties.
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getRangeState, listBundles, listJobDefinitionNames, listModuleChoices } from "@/lib/data/modules";
import { ModulesNav } from "../_components/modules-nav";
import { ApplyRangeRules, DeleteRangeRule } from "./_components/range-actions";
import { RangeRuleForm } from "./_components/range-rule-form";

export const metadata = { title: "Version ranges" };
export const dynamic = "force-dynamic";

function describeProps(props: Record<string, string | string[] | null>): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : (v ?? "null")}`)
    .join("; ");
}

export default async function RangesPage() {
  const user = await requireUser("read");
  const ctx = { db: getDb(), user };
  const canWrite = can(user.role, "modules.write");
  const [state, modules, bundles, jobDefinitionNames] = await Promise.all([getRangeState(ctx), listModuleChoices(ctx), listBundles(ctx), listJobDefinitionNames(ctx)]);
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Version ranges</h1>
          <p>GP matches only exact module keys: each rule is compiled into one full-LSID key per catalog version it covers.</p>
        </div>
        <ModulesNav current="ranges" />
      </div>
      {state.overlaps.map((o) => (
        <Alert key={o.ruleIds.join("-")} tone="warn" title={`Rules ${o.ruleIds[0]} and ${o.ruleIds[1]} overlap:`}>
          {o.ranges[0]} and {o.ranges[1]} on {o.baseLsid}
          {o.versions.length ? ` (catalog versions ${o.versions.join(", ")})` : " (no catalog version in both yet)"}. Rule {o.ruleIds[1]} wins where both set a key.
        </Alert>
      ))}
      {state.uncompiled.length > 0 ? (
        <Alert tone="info" title="Covered by a rule, not in the config yet:">
          <ul aria-label="Uncompiled versions">
            {state.uncompiled.map((u) => (
              <li key={u.lsid}>
                {u.name} {u.version} <span className="mono small">{u.lsid}</span>: rule {u.ruleIds.join(", ")}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {state.outOfDate && canWrite ? <ApplyRangeRules label={state.uncompiled.length ? "Apply to the new versions" : "Regenerate the compiled keys"} /> : null}
      {state.rules.length === 0 ? (
        <EmptyState title="No range rules yet">Add one below, e.g. WordCount &gt;=2 uses the python/3.6 runtime environment.</EmptyState>
      ) : (
        <table className="table" aria-label="Range rules">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">Module</th>
              <th scope="col">Range</th>
              <th scope="col">Sets</th>
              <th scope="col">Compiled for versions</th>
              <th scope="col">Created</th>
              {canWrite ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {state.rules.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>
                  {r.moduleName ?? <span className="muted">(not in the catalog)</span>}
                  <div className="mono small muted">{r.baseLsid}</div>
                </td>
                <td className="mono">{r.range}</td>
                <td className="mono small">{describeProps(r.props)}</td>
                <td>{r.covers.length ? r.covers.join(", ") : <span className="muted">none yet</span>}</td>
                <td className="small">
                  {r.createdBy}, {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                </td>
                {canWrite ? (
                  <td>
                    <DeleteRangeRule id={r.id} baseHash={state.configHash} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? <RangeRuleForm modules={modules} bundles={bundles.map((b) => b.name)} jobDefinitionNames={jobDefinitionNames} /> : null}
    </div>
  );
}
