// Runtime environments: the config's executor.properties bundles, which modules select with executor.props.
import Link from "next/link";
import { Fragment } from "react";
import { requireUser } from "@/app/_server/current-user";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listBundles } from "@/lib/data/modules";
import { ModulesNav } from "../_components/modules-nav";
import { BundleForm } from "./_components/bundle-form";

export const metadata = { title: "Runtime environments" };
export const dynamic = "force-dynamic";

export default async function BundlesPage() {
  const user = await requireUser("read");
  const bundles = await listBundles({ db: getDb(), user });
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Runtime environments</h1>
          <p>Named property bundles in executor.properties; a module selects one with executor.props.</p>
        </div>
        <ModulesNav current="bundles" />
      </div>
      {bundles.length === 0 ? <EmptyState title="No runtime environments">The config has no executor.properties section yet.</EmptyState> : null}
      {bundles.map((b) => (
        <section key={b.name} className="card" aria-label={`Runtime environment ${b.name}`}>
          <h2>
            {b.name}{" "}
            <Link className="small" href={`/config?line=${b.line}`}>
              line {b.line}
            </Link>{" "}
            <Link className="small" href={`/modules?bundle=${encodeURIComponent(b.name)}`}>
              modules using it
            </Link>
          </h2>
          {b.isMap ? (
            <dl className="kv">
              {b.props.map((p) => (
                <Fragment key={p.key}>
                  <dt>{p.key}</dt>
                  <dd>{p.value}</dd>
                </Fragment>
              ))}
            </dl>
          ) : (
            <p className="muted">Not a map: GP ignores this entry.</p>
          )}
        </section>
      ))}
      {can(user.role, "modules.write") ? <BundleForm bundles={bundles} /> : null}
    </div>
  );
}
