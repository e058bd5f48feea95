// The AWS Batch registry: DescribeJobDefinitions (all pages, ACTIVE and INACTIVE), RegisterJobDefinition and
// DeregisterJobDefinition. AWS errors become one clear sentence naming the call.
import {
  BatchClient,
  DeregisterJobDefinitionCommand,
  DescribeJobDefinitionsCommand,
  RegisterJobDefinitionCommand,
  type DescribeJobDefinitionsCommandInput,
  type JobDefinition,
  type RegisterJobDefinitionCommandInput,
} from "@aws-sdk/client-batch";
import { describeAwsError } from "../aws/clients";
import { formatRef, parseJobDefinitionRef, type JobDefinitionRecord, type JobDefinitionRegistry } from "./registry";

/** Batch's maximum page size for DescribeJobDefinitions. */
export const DESCRIBE_PAGE_SIZE = 100;

export type AwsRegistryOptions = {
  /** Called before every AWS call; the shared rate budget plugs in here. */
  beforeCall?: (operation: string) => Promise<void>;
};

export class AwsBatchError extends Error {}

async function call<T>(operation: string, options: AwsRegistryOptions, fn: () => Promise<T>): Promise<T> {
  await options.beforeCall?.(operation);
  try {
    return await fn();
  } catch (error) {
    throw new AwsBatchError(`AWS Batch ${operation} failed: ${describeAwsError(error)}`);
  }
}

function toRecord(jd: JobDefinition): JobDefinitionRecord {
  const { jobDefinitionArn, revision, status, ...rest } = jd;
  return {
    name: jd.jobDefinitionName ?? "",
    revision: revision ?? 0,
    arn: jobDefinitionArn ?? null,
    status: status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
    definition: rest as Record<string, unknown>,
  };
}

export function createAwsRegistry(client: BatchClient, options: AwsRegistryOptions = {}): JobDefinitionRegistry {
  const describeAll = async (base: DescribeJobDefinitionsCommandInput): Promise<JobDefinitionRecord[]> => {
    const records: JobDefinitionRecord[] = [];
    let nextToken: string | undefined;
    do {
      const input: DescribeJobDefinitionsCommandInput = { ...base, maxResults: DESCRIBE_PAGE_SIZE, ...(nextToken ? { nextToken } : {}) };
      const page = await call("DescribeJobDefinitions", options, () => client.send(new DescribeJobDefinitionsCommand(input)));
      for (const jd of page.jobDefinitions ?? []) records.push(toRecord(jd));
      nextToken = page.nextToken;
    } while (nextToken);
    return records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.revision - b.revision));
  };

  return {
    source: "aws",
    // No status filter: Batch then returns ACTIVE and INACTIVE revisions alike.
    list: (opts) => describeAll(opts?.name ? { jobDefinitionName: opts.name } : {}),
    async describe(ref) {
      const { name, revision } = parseJobDefinitionRef(ref);
      if (revision !== null) {
        const found = await describeAll({ jobDefinitions: [formatRef(name, revision)] });
        return found.find((r) => r.revision === revision) ?? null;
      }
      const active = await describeAll({ jobDefinitionName: name, status: "ACTIVE" });
      return active.reduce<JobDefinitionRecord | null>((best, r) => (!best || r.revision > best.revision ? r : best), null);
    },
    async register(input) {
      const out = await call("RegisterJobDefinition", options, () =>
        client.send(new RegisterJobDefinitionCommand(input as RegisterJobDefinitionCommandInput)),
      );
      return { name: out.jobDefinitionName ?? input.jobDefinitionName, revision: out.revision ?? 0, arn: out.jobDefinitionArn ?? null };
    },
    async deregister(ref) {
      const { name, revision } = parseJobDefinitionRef(ref);
      if (revision === null) throw new Error(`deregister needs name:revision, got '${ref}'`);
      await call("DeregisterJobDefinition", options, () => client.send(new DeregisterJobDefinitionCommand({ jobDefinition: formatRef(name, revision) })));
    },
  };
}
