import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { getJobDefinitionDiff, getJobDefinitionsOverview, type JobDefinitionDiff } from "@/lib/data/jobdefs";
import { getDb } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { JsonDiff } from "../_components/json-diff";
import { SemanticSummary } from "../_components/semantic-summary";

export const metadata = { title: "Compare job definitions" };
export const dynamic = "force-dynamic";

type Search = { a?: string; b?: string };

export default async function JobDefinitionDiffPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("read");
  const { a = "", b = "" } = await searchParams;
  const ctx = { db: getDb(), user };
  let diff: JobDefinitionDiff | null = null;
  let error: string | null = null;
  if (a && b) {
    try {
      diff = await getJobDefinitionDiff(ctx, a, b);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      error = e.message;
    }
  }
  const names = (await getJobDefinitionsOverview(ctx)).names;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Compare job definitions</h1>
          <p>
            <Link href="/jobdefs">Job definitions</Link> › any two revisions, of the same name or not. ARN, revision and status are hidden.
          </p>
        </div>
      </div>
      <form className="card filters" method="get" aria-label="Choose revisions">
        <div className="field">
          <label htmlFor="diff-a">Revision A</label>
          <input id="diff-a" name="a" defaultValue={a} list="jobdef-refs" placeholder="name:revision" required />
        </div>
        <div className="field">
          <label htmlFor="diff-b">Revision B</label>
          <input id="diff-b" name="b" defaultValue={b} list="jobdef-refs" placeholder="name:revision" required />
        </div>
        <datalist id="jobdef-refs">
          {names.flatMap((n) => Array.from({ length: n.latest?.revision ?? 0 }, (_, i) => `${n.name}:${i + 1}`)).map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <button className="btn btn-primary" type="submit">
          Compare
        </button>
      </form>
      {error ? <Alert tone="err">{error}</Alert> : null}
      {diff ? (
        <>
          <section className="card" aria-label="Summary">
            <h2>
              {diff.a.ref} → {diff.b.ref}
            </h2>
            <p className="small muted">
              {[diff.a, diff.b].map((s) => (
                <span key={s.ref}>
                  {s.ref}: <Badge tone={s.status === "ACTIVE" ? "ok" : "neutral"}>{s.status}</Badge>
                  {s.from === "backup" ? <Badge tone="info">from backup</Badge> : null}{" "}
                </span>
              ))}
            </p>
            <SemanticSummary changes={diff.changes} />
          </section>
          <JsonDiff id={`jobdef-${diff.a.ref}-${diff.b.ref}`} original={diff.a.json} modified={diff.b.json} originalLabel={diff.a.ref} modifiedLabel={diff.b.ref} />
        </>
      ) : null}
    </div>
  );
}
