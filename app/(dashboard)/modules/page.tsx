// Modules: every catalog version with what it runs with under the current config, problem filters, and the
// mapping form for the selected rows.
import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getRangeState, listJobDefinitionNames, listModules } from "@/lib/data/modules";
import { MODULE_FLAGS, type ModuleFlag } from "@/lib/modules/effective";
import { parseModuleTableQuery } from "@/lib/modules/table-query";
import { ModulesNav } from "./_components/modules-nav";
import { ApplyRangeRules } from "./ranges/_components/range-actions";
import { modulesHref } from "./_components/modules-href";
import { ModulesTable } from "./_components/modules-table";
import { Pagination } from "@/components/ui/pagination";

export const metadata = { title: "Modules" };
export const dynamic = "force-dynamic";

export default async function ModulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("read");
  const ctx = { db: getDb(), user };
  const query = parseModuleTableQuery(await searchParams);
  const [result, ranges, jobDefinitionNames] = await Promise.all([listModules(ctx, query), getRangeState(ctx), listJobDefinitionNames(ctx)]);
  const canWrite = can(user.role, "modules.write");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Modules</h1>
          <p>What every module version runs with under the current config, and why.</p>
        </div>
        <ModulesNav current="table" />
      </div>
      {result.configError ? <Alert tone="err" title="The config file cannot be read.">{result.configError}</Alert> : null}
      {ranges.uncompiled.length > 0 ? (
        <Alert tone="info" title={`${ranges.uncompiled.length} version(s) are covered by a range rule but not in the config yet:`}>
          {ranges.uncompiled.map((u) => `${u.name} ${u.version} (rule ${u.ruleIds.join(", ")})`).join("; ")}. <Link href="/modules/ranges">See the rules</Link>
          {canWrite ? <ApplyRangeRules label="Apply the range rules to them" /> : null}
        </Alert>
      ) : null}
      <form className="filters" action="/modules" role="search" aria-label="Filter modules">
        <div className="field">
          <label htmlFor="modules-q">Search</label>
          <input id="modules-q" name="q" defaultValue={query.q ?? ""} placeholder="name, LSID, image, job definition…" />
        </div>
        {query.flag ? <input type="hidden" name="flag" value={query.flag} /> : null}
        <div className="field">
          <label htmlFor="modules-bundle">Runtime environment</label>
          <select id="modules-bundle" name="bundle" defaultValue={query.bundle ?? ""}>
            <option value="">(any)</option>
            {result.bundles.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      <nav className="chips" aria-label="Problem filters">
        <Link href={modulesHref(query, { flag: undefined, page: 1 })} aria-current={query.flag ? undefined : "true"}>
          All ({result.catalogSize})
        </Link>
        {(Object.keys(MODULE_FLAGS) as ModuleFlag[]).map((f) => (
          <Link key={f} href={modulesHref(query, { flag: f, page: 1 })} aria-current={query.flag === f ? "true" : undefined}>
            {MODULE_FLAGS[f]} ({result.flagCounts[f]})
          </Link>
        ))}
      </nav>
      {result.catalogSize === 0 ? (
        <EmptyState title="The catalog is empty">
          {canWrite ? <Link href="/modules/import">Import modules</Link> : "An admin can import modules."} from a GP server, a taskLib folder or a module zip.
        </EmptyState>
      ) : result.total === 0 ? (
        <EmptyState title="No module matches">Change the search or the filter.</EmptyState>
      ) : (
        <>
          <ModulesTable rows={result.rows} query={query} canWrite={canWrite} bundles={result.bundles} jobDefinitionNames={jobDefinitionNames} />
          <Pagination page={result.page} pageSize={result.pageSize} pageCount={result.pageCount} total={result.total} hrefFor={(p) => modulesHref(query, { page: p })} />
        </>
      )}
    </div>
  );
}
