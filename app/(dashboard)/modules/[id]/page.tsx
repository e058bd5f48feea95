// One module version: its effective configuration for a chosen user and groups, with the provenance of every
// value (linked to the Config editor line), the explain trace, the substituted argv and the SubmitJob request.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/roles";
import type { Provenance } from "@/lib/config/resolve";
import { getDb } from "@/lib/db";
import { configLineOf, formatValue, getModuleDetail, listBundles, listJobDefinitionNames } from "@/lib/data/modules";
import { ModulesNav } from "../_components/modules-nav";
import { MappingForm } from "../_components/mapping-form";

export const dynamic = "force-dynamic";

const stepLabels: Record<Provenance["step"], string> = {
  "job-input": "job input",
  "user-module": "user, module",
  user: "user",
  "group-module": "group, module",
  group: "group",
  module: "module.properties",
  manifest: "manifest",
  "executor-props": "runtime environment",
  "executor-default": "executor default",
  default: "default.properties",
  server: "server properties",
  "built-in": "GP built-in",
  "docker-lookup": "docker image lookup",
};

function Source({ source, lines }: { source: Provenance | null | undefined; lines: string[] }) {
  if (!source) return <span className="muted">not set anywhere</span>;
  const line = configLineOf(source);
  const where = `${stepLabels[source.step]}: ${source.section}${source.moduleKey ? ` [${source.moduleKey}]` : ""}`;
  return (
    <span className="provenance">
      {where}
      {line ? (
        <>
          {" "}
          <Link href={`/config?line=${line}`} aria-label={`Config line ${line}`}>
            line {line}
          </Link>{" "}
          <code>{lines[line - 1]?.trim()}</code>
        </>
      ) : source.step === "manifest" && source.line > 0 ? (
        ` line ${source.line} of the manifest`
      ) : null}
    </span>
  );
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Module ${(await params).id}` };
}

export default async function ModulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const user = await requireUser("read");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const search = await searchParams;
  const ctx = { db: getDb(), user };
  const groups = (one(search.groups) ?? "").split(",").map((g) => g.trim()).filter(Boolean);
  const detail = await getModuleDetail(ctx, id, { userId: one(search.user), groups, explainKey: one(search.key) });
  if (!detail) notFound();
  const canWrite = can(user.role, "modules.write");
  const [bundles, jobDefinitionNames] = canWrite ? await Promise.all([listBundles(ctx), listJobDefinitionNames(ctx)]) : [[], []];
  const configLines = detail.configText.split("\n");
  const { version, settings } = detail;
  const settingRows = settings
    ? ([
        ["Executor", settings.executor, settings.sources.executor],
        ["Runtime environment (executor.props)", settings.executorProps, settings.sources.executorProps],
        ["Job definition", settings.jobDefinition, settings.sources.jobDefinition],
        ["Docker image", settings.image, settings.sources.image],
        ["Queue", settings.queue, settings.sources.queue],
        ["Memory (MiB)", settings.memoryMb, settings.sources.memoryMb],
        ["CPUs", settings.cpuCount, settings.sources.cpuCount],
        ["Walltime (s)", settings.walltimeSec, settings.sources.walltimeSec],
        ["S3 root", settings.s3Root, settings.sources.s3Root],
      ] as const)
    : [];
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>
            {version.name} <span className="muted">{version.version}</span>
          </h1>
          <p className="mono small">{version.lsid}</p>
        </div>
        <ModulesNav current={null} />
      </div>
      <div className="toolbar">
        <span className="muted small">Versions:</span>
        {detail.otherVersions.map((v) => (
          <Link key={v.id} className="btn btn-small" href={`/modules/${v.id}`} aria-current={v.id === version.id ? "page" : undefined}>
            {v.version}
          </Link>
        ))}
        {detail.mapped ? <Badge tone="ok">Mapped in module.properties</Badge> : <Badge tone="info">Unmapped</Badge>}
        {detail.coveringRules.map((r) => (
          <Badge key={r.id} tone="info">
            Range rule {r.id}: {r.range}
          </Badge>
        ))}
      </div>
      {detail.configError ? <Alert tone="err" title="The config file cannot be read.">{detail.configError}</Alert> : null}

      <form className="filters card" action={`/modules/${version.id}`} aria-label="Resolve for">
        <div className="field">
          <label htmlFor="ctx-user">User id</label>
          <input id="ctx-user" name="user" defaultValue={detail.context.userId} list="ctx-users" />
          <datalist id="ctx-users">
            {detail.usersInConfig.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="ctx-groups">Groups (comma-separated, file order decides)</label>
          <input id="ctx-groups" name="groups" defaultValue={detail.context.groups.join(", ")} placeholder={detail.groupsInConfig.join(", ")} />
        </div>
        <div className="field">
          <label htmlFor="ctx-key">Explain key</label>
          <input id="ctx-key" name="key" defaultValue={detail.explainKey} list="ctx-keys" />
          <datalist id="ctx-keys">
            {detail.properties.map((p) => (
              <option key={p.key} value={p.key} />
            ))}
          </datalist>
        </div>
        <button className="btn" type="submit">
          Resolve
        </button>
      </form>

      <section className="card" aria-label="Job settings">
        <h2>Job settings</h2>
        <p className="muted small">
          For user <code>{detail.context.userId}</code> in groups <code>{["*", ...detail.context.groups].join(", ")}</code>.
        </p>
        <table className="table" aria-label="Effective job settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">Decided by</th>
            </tr>
          </thead>
          <tbody>
            {settingRows.map(([label, value, source]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="mono">{value ?? <span className="muted">—</span>}</td>
                <td>
                  <Source source={source} lines={configLines} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {detail.settings?.problems.map((p) => (
          <Alert key={p.key} tone="warn">
            {p.message}
          </Alert>
        ))}
      </section>

      {canWrite ? (
        <MappingForm selected={[{ id: version.id, name: version.name, version: version.version, lsid: version.lsid }]} bundles={bundles.map((b) => b.name)} jobDefinitionNames={jobDefinitionNames} />
      ) : null}

      <section className="card" aria-label="Command line">
        <h2>Command line</h2>
        <p className="muted small">
          <code>{version.commandLine}</code> with parameters {Object.keys(detail.argvParams).length ? <code>{JSON.stringify(detail.argvParams)}</code> : "(none)"}
        </p>
        {detail.argv ? (
          <pre className="argv" aria-label="Substituted argv">
            {JSON.stringify(detail.argv, null, 2)}
          </pre>
        ) : null}
        {detail.argvDiagnostics.length ? (
          <Alert tone="warn" title="Substitution notes:">
            <ul className="small">
              {detail.argvDiagnostics.map((d, i) => (
                <li key={i}>
                  <code>{d.code}</code> {d.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
      </section>

      <section className="card" aria-label="AWS Batch SubmitJob request">
        <h2>AWS Batch SubmitJob request</h2>
        {detail.submitNotes.map((n) => (
          <p key={n} className="muted small">
            {n}
          </p>
        ))}
        {detail.submitRequest ? <pre aria-label="SubmitJob JSON">{JSON.stringify(detail.submitRequest, null, 2)}</pre> : null}
      </section>

      {detail.explain ? (
        <section className="card" aria-label="Explain">
          <h2>
            Explain <code>{detail.explain.key}</code>
          </h2>
          <p className="small">
            Result: <code>{detail.explain.result ? formatValue(detail.explain.result.value) : "(not set)"}</code>
          </p>
          <table className="table" aria-label="Explain trace">
            <thead>
              <tr>
                <th scope="col">Step (lowest first)</th>
                <th scope="col">Section</th>
                <th scope="col">Found</th>
                <th scope="col">Value</th>
                <th scope="col">Where</th>
              </tr>
            </thead>
            <tbody>
              {detail.explain.steps.map((s, i) => (
                <tr key={i} className={s.winner ? "winner" : undefined}>
                  <td>
                    {stepLabels[s.step]}
                    {s.winner ? (
                      <>
                        {" "}
                        <Badge tone="ok">winner</Badge>
                      </>
                    ) : null}
                  </td>
                  <td className="mono small">
                    {s.section}
                    {s.moduleKey ? ` [${s.moduleKey}]` : ""}
                  </td>
                  <td>{s.status}</td>
                  <td className="mono small">{s.value ? formatValue(s.value) : ""}</td>
                  <td className="small">{s.source ? <Source source={s.source} lines={configLines} /> : <span className="muted">{s.note}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section className="card" aria-label="All properties">
        <h2>All effective properties</h2>
        <table className="table" aria-label="Effective properties">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              <th scope="col">Decided by</th>
            </tr>
          </thead>
          <tbody>
            {detail.properties.map((p) => (
              <tr key={p.key}>
                <th scope="row" className="mono small">
                  <Link href={`/modules/${version.id}?${new URLSearchParams({ user: detail.context.userId, groups: detail.context.groups.join(","), key: p.key })}`}>{p.key}</Link>
                </th>
                <td className="mono small">{p.value}</td>
                <td>
                  <Source source={p.source} lines={configLines} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <details className="card">
        <summary>Manifest</summary>
        <pre aria-label="Manifest text">{detail.manifestText}</pre>
        <p className="muted small">
          Source: {version.source}. Module files: <code>{version.taskLibDir ?? "(not on this machine)"}</code>
        </p>
      </details>
    </div>
  );
}
