import { requireUser } from "@/app/_server/current-user";
import { Badge } from "@/components/ui/badge";
import { env } from "@/lib/env";
import { decideBackends, readS3RootFromFile } from "@/lib/settings/active-backends";

export const metadata = { title: "Settings" };

function Value({ value, fallback = "not set" }: { value: string | number | null | undefined; fallback?: string }) {
  return value === undefined || value === null || value === "" ? <span className="muted">{fallback}</span> : <>{value}</>;
}

export default async function SettingsPage() {
  await requireUser("read");
  const settings = env();
  const config = readS3RootFromFile(settings.configPath);
  const backends = decideBackends({ executorMode: settings.defaultExecutor, s3Root: config.s3Root, localBucketDir: settings.localBucketDir });
  const dbIsFile = settings.databaseUrl.startsWith("file:");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>The runtime settings this server resolved from its environment, read once at start.</p>
        </div>
      </div>

      <section className="card" aria-labelledby="backends-heading">
        <h2 id="backends-heading">Active backends</h2>
        <dl className="kv">
          <dt>Storage</dt>
          <dd>
            <Badge tone={backends.storage.kind === "s3" ? "info" : "ok"}>{backends.storage.kind === "s3" ? "AWS S3" : "Local folder"}</Badge>{" "}
            {backends.storage.location} <span className="muted">({backends.storage.why})</span>
          </dd>
          <dt>Executor</dt>
          <dd>
            <Badge tone={backends.executor.kind === "aws" ? "info" : "ok"}>{backends.executor.kind === "aws" ? "AWS Batch" : "Local"}</Badge>{" "}
            <span className="muted">({backends.executor.why})</span>
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="paths-heading">
        <h2 id="paths-heading">Files</h2>
        <dl className="kv">
          <dt>Config file</dt>
          <dd>
            {settings.configPath} {config.exists ? null : <Badge tone="warn">missing</Badge>}
          </dd>
          <dt>aws-s3-root (from config)</dt>
          <dd>
            <Value value={config.s3Root} />
          </dd>
          <dt>Data dir</dt>
          <dd>{settings.dataDir}</dd>
          <dt>Database</dt>
          <dd>{dbIsFile ? settings.databaseUrl : "external database (DATABASE_URL)"}</dd>
          <dt>Local bucket</dt>
          <dd>{settings.localBucketDir}</dd>
          <dt>Local GP home</dt>
          <dd>{settings.gpHomeDir}</dd>
          <dt>Local prefix</dt>
          <dd>{settings.localPrefixDir}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="aws-heading">
        <h2 id="aws-heading">AWS</h2>
        <dl className="kv">
          <dt>Region</dt>
          <dd>{settings.aws.region}</dd>
          <dt>Profile</dt>
          <dd>
            <Value value={settings.aws.profile} fallback="default credential chain" />
          </dd>
          <dt>Endpoint (all services)</dt>
          <dd>
            <Value value={settings.aws.endpoint} fallback="AWS default" />
          </dd>
          <dt>S3 endpoint</dt>
          <dd>
            <Value value={settings.aws.endpoints.s3} fallback="AWS default" />
          </dd>
          <dt>Batch endpoint</dt>
          <dd>
            <Value value={settings.aws.endpoints.batch} fallback="AWS default" />
          </dd>
          <dt>CloudWatch Logs endpoint</dt>
          <dd>
            <Value value={settings.aws.endpoints.logs} fallback="AWS default" />
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="gp-heading">
        <h2 id="gp-heading">GenePattern server</h2>
        <dl className="kv">
          <dt>URL</dt>
          <dd>
            <Value value={settings.gp.url} />
          </dd>
          <dt>User</dt>
          <dd>
            <Value value={settings.gp.user} />
          </dd>
          <dt>Password</dt>
          <dd>{settings.gp.password ? "set (hidden)" : <span className="muted">not set</span>}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="security-heading">
        <h2 id="security-heading">Sign-in</h2>
        <dl className="kv">
          <dt>Session lifetime</dt>
          <dd>{settings.sessionTtlHours} h</dd>
          <dt>Login throttling</dt>
          <dd>
            {settings.login.maxAttempts} failures per {settings.login.windowSeconds} s
          </dd>
        </dl>
      </section>
    </div>
  );
}
