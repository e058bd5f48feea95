// gp-batch: dispatches to one module per subcommand in ./commands. Exit codes: 0 ok, 1 failure, 2 usage error.
import type { CliIo, Command } from "./command";
import { UsageError } from "./command";

const commands: Record<string, () => Promise<{ command: Command }>> = {
  validate: () => import("./commands/validate"),
  resolve: () => import("./commands/resolve"),
  cmdline: () => import("./commands/cmdline"),
  sync: () => import("./commands/sync"),
  submit: () => import("./commands/submit"),
  logs: () => import("./commands/logs"),
  jobdefs: () => import("./commands/jobdefs"),
  modules: () => import("./commands/modules"),
};

const usage = `usage: gp-batch <command> [options]

commands:
  validate FILE [--json]                 check a config_custom.yaml
  resolve --config FILE [options]        effective properties for a module and user
  cmdline --config FILE --manifest FILE  the argv GenePattern would run
  sync SRC DST [options]                 sync a folder and an object-store prefix
  submit --module NAME|LSID [options]    submit a test job
  logs JOB_ID [--follow] [--attempt N]   print a test job's logs
  jobdefs list|backup|restore|diff       job-definition revisions and backups
  modules import --from DIR|URL          import modules into the catalog
`;

export const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTty: Boolean(process.stdout.isTTY),
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`gp-batch: unknown command '${name}'\n${usage}`);
    return 2;
  }
  try {
    const { command } = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`gp-batch ${name}: ${error.message}\n`);
      return 2;
    }
    io.err(`gp-batch ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
