// Where a local job's files are: GP paths on the "head node" and their copies under the local prefix (the
// stand-in for the Batch container's /local). The LOGS area reads stdout.txt/stderr.txt through these.
import path from "node:path";

/** `<local prefix><gp path>`: the container-side copy of a GP path. */
export function underPrefix(prefix: string, gpPath: string): string {
  return path.join(prefix, gpPath);
}

/**
 * Rewrites GP paths inside arguments to their copies under the local prefix. On Batch the container wrapper
 * bind-mounts `/local<p>` at `<p>`; without containers the local executor rewrites the paths instead.
 */
export function mapPathsIntoPrefix(args: string[], roots: string[], prefix: string): string[] {
  const sorted = [...new Set(roots.filter((r) => r && r !== "/"))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return args;
  const escaped = sorted.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.\\-/])(${escaped.join("|")})(?=$|/|[^A-Za-z0-9_.\\-])`, "g");
  return args.map((arg) => arg.replace(pattern, (_m, lead: string, root: string) => `${lead}${underPrefix(prefix, root)}`));
}

export type LocalLogLocation = { metaDir: string; runningMetaDir: string; finished: boolean };

/**
 * Where a local job's logs are: `<localPrefix><metaDir>/stdout.txt` (and stderr.txt) while it runs, then
 * `<metaDir>/stdout.txt` once stage-out has copied the meta dir back (`finished`).
 */
export function localLogLocation(job: { metaDir: string; state: string }, localPrefix: string, stageOutDone: boolean): LocalLogLocation {
  const terminal = job.state === "SUCCEEDED" || job.state === "FAILED";
  return { metaDir: job.metaDir, runningMetaDir: underPrefix(localPrefix, job.metaDir), finished: terminal && stageOutDone };
}
