import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { getRegisterDraft } from "@/lib/data/jobdefs";
import { getDb } from "@/lib/db";
import { ActionError } from "@/lib/errors";
import { RegisterForm } from "../_components/register-form";

export const metadata = { title: "Register a job definition revision" };
export const dynamic = "force-dynamic";

export default async function RegisterJobDefinitionPage({ searchParams }: { searchParams: Promise<{ base?: string }> }) {
  const user = await requireUser("jobdefs.write");
  const { base } = await searchParams;
  let draft: { baseRef: string; text: string } | null = null;
  let error: string | null = null;
  if (base) {
    try {
      draft = await getRegisterDraft({ db: getDb(), user }, base);
      if (!draft) error = `Job definition ${base} was not found.`;
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      error = e.message;
    }
  }
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Register a new revision</h1>
          <p>
            <Link href="/jobdefs">Job definitions</Link> › edit a copy{draft ? ` of ${draft.baseRef}` : ""}; it is checked against the RegisterJobDefinition
            input shape and compared with its base before anything is registered.
          </p>
        </div>
      </div>
      {error ? <Alert tone="err">{error}</Alert> : null}
      <RegisterForm baseRef={draft?.baseRef ?? null} initialText={draft?.text ?? '{\n  "jobDefinitionName": "",\n  "type": "container",\n  "containerProperties": {\n    "image": ""\n  }\n}\n'} />
    </div>
  );
}
