import path from "node:path";
import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { can } from "@/lib/auth/roles";
import { getEnvironments, getPinChoices, type PinView } from "@/lib/data/environments";
import { getDb } from "@/lib/db";
import { parsePinTarget } from "@/lib/environments/pins";
import { PromoteButton, RollbackButton, RunCandidateTest } from "./_components/pin-actions";
import { PinForm } from "./_components/pin-form";

export const metadata = { title: "Environments" };
export const dynamic = "force-dynamic";

const sampleInput = path.join(process.cwd(), "demo", "jobdefs", "candidate-test-input.txt");

function ImageCell({ pin }: { pin: PinView }) {
  if (!pin.image) return <span className="muted">(not pinned)</span>;
  return (
    <>
      <span className="mono">{pin.image}</span>{" "}
      {pin.imageStatus?.mutable ? <Badge tone="warn">:latest</Badge> : pin.imageStatus?.digest ? <Badge tone="ok">digest</Badge> : <Badge tone="neutral">tag not resolved</Badge>}
      <div className="muted small">{pin.imageStatus?.note}</div>
    </>
  );
}

function ConfigCell({ pin }: { pin: PinView }) {
  if (!pin.config) return <span className="muted">config unreadable</span>;
  const matches = pin.config.jobDefinition === pin.jobDefinition && (!pin.image || pin.config.image === pin.image);
  return (
    <div className="small">
      <div className="mono">job.awsbatch.job-definition-name: {pin.config.jobDefinition ?? "(not set here)"}</div>
      <div className="mono">job.docker.image: {pin.config.image ?? "(not set here)"}</div>
      {pin.environment === "production" && !matches ? <Badge tone="warn">config differs from the pin</Badge> : null}
    </div>
  );
}

export default async function EnvironmentsPage({ searchParams }: { searchParams: Promise<{ target?: string; jobDefinition?: string }> }) {
  const user = await requireUser("read");
  const ctx = { db: getDb(), user };
  const [{ environments, configError }, choices, search] = await Promise.all([getEnvironments(ctx), getPinChoices(ctx), searchParams]);
  const canWrite = can(user.role, "environments.write");
  const canSubmit = can(user.role, "jobs.submit");
  const candidate = environments.find((e) => e.name === "candidate");
  const production = environments.find((e) => e.name === "production");
  const others = environments.filter((e) => e.name !== "candidate" && e.name !== "production");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Environments</h1>
          <p>
            Release channels: pin a module or bundle to an exact job-definition revision and image in <strong>candidate</strong>, run its test job, then
            promote to <strong>production</strong> (written to the config as exact keys). Every step is audited; rollback is one click.
          </p>
        </div>
      </div>
      {configError ? <Alert tone="err">{configError}</Alert> : null}
      {canWrite ? <PinForm choices={choices} defaultTarget={search.target} defaultJobDefinition={search.jobDefinition} /> : null}

      <section aria-label="candidate">
        <h2>candidate</h2>
        {!candidate?.pins.length ? (
          <EmptyState title="Nothing pinned in candidate">Pin a module or bundle above to test a new job-definition revision.</EmptyState>
        ) : (
          <Table label="Candidate pins">
            <thead>
              <tr>
                <th>Target</th>
                <th>Job definition</th>
                <th>Image</th>
                <th>Test</th>
                <th>Config now</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {candidate.pins.map((pin) => {
                const t = parsePinTarget(pin.target);
                return (
                  <tr key={pin.id} aria-label={`candidate ${pin.target}`}>
                    <td>{pin.target}</td>
                    <td className="mono">
                      <Link href={`/jobdefs/${encodeURIComponent(pin.jobDefinition.split(":")[0])}`}>{pin.jobDefinition}</Link>
                    </td>
                    <td>
                      <ImageCell pin={pin} />
                    </td>
                    <td>
                      {pin.passingTest ? (
                        <Badge tone="ok">
                          passed: <Link href={`/jobs/${pin.passingTest.id}`}>job {pin.passingTest.id}</Link> ({pin.passingTest.moduleName})
                        </Badge>
                      ) : (
                        <Badge tone="warn">no passing test yet</Badge>
                      )}
                      {canSubmit ? <RunCandidateTest target={pin.target} defaultModule={t.kind === "module" ? t.name : ""} defaultUser={user.username} defaultInput={sampleInput} /> : null}
                    </td>
                    <td>
                      <ConfigCell pin={pin} />
                    </td>
                    <td>{canWrite ? pin.passingTest ? <PromoteButton target={pin.target} /> : <span className="muted small">Promote after a passing test job</span> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-label="production">
        <h2>production</h2>
        {!production?.pins.length ? (
          <EmptyState title="Nothing promoted to production yet" />
        ) : (
          <Table label="Production pins">
            <thead>
              <tr>
                <th>Target</th>
                <th>Job definition</th>
                <th>Image</th>
                <th>Config now</th>
                <th>Promoted</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {production.pins.map((pin) => (
                <tr key={pin.id} aria-label={`production ${pin.target}`}>
                  <td>{pin.target}</td>
                  <td className="mono">{pin.jobDefinition}</td>
                  <td>
                    <ImageCell pin={pin} />
                  </td>
                  <td>
                    <ConfigCell pin={pin} />
                  </td>
                  <td className="small">
                    {pin.createdBy}, {pin.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                    {pin.previous ? (
                      <div className="muted">
                        before: {pin.previous.pin ? pin.previous.pin.jobDefinition : `config ${pin.previous.config.jobDefinition ?? "(unset)"}`}
                      </div>
                    ) : null}
                  </td>
                  <td>{canWrite && pin.canRollback ? <RollbackButton target={pin.target} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      {others.map((e) => (
        <section key={e.id} aria-label={e.name}>
          <h2>{e.name}</h2>
          <ul>
            {e.pins.map((p) => (
              <li key={p.id}>
                {p.target}: <span className="mono">{p.jobDefinition}</span> {p.image}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
