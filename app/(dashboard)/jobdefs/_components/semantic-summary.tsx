// The semantic summary of a job-definition diff: one line per meaningful change, image changes first and marked.
import { Badge } from "@/components/ui/badge";
import type { JobDefinitionChange } from "@/lib/jobdefs/diff";

const labels: Record<string, string> = {
  image: "image",
  vcpus: "vCPUs",
  memory: "memory",
  environment: "environment",
  command: "command",
  volumes: "volumes",
  mountPoints: "mount points",
  retryStrategy: "retry",
  timeout: "timeout",
  logConfiguration: "logging",
  parameters: "parameters",
};

export function SemanticSummary({ changes, label = "Semantic summary" }: { changes: JobDefinitionChange[]; label?: string }) {
  if (!changes.length) return <p role="status">No meaningful differences (ARN, revision and status are ignored).</p>;
  return (
    <ul aria-label={label} className="stack">
      {changes.map((c, i) => (
        <li key={i}>
          <Badge tone={c.kind === "image" ? "warn" : "info"}>{labels[c.kind] ?? c.kind}</Badge> {c.summary}
        </li>
      ))}
    </ul>
  );
}
