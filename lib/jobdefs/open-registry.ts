// Picks the registry from configuration: AWS Batch when the default executor is "aws", else the embedded one.
import { batchClient } from "../aws/clients";
import type { Db } from "../db";
import { env } from "../env";
import { createAwsRegistry } from "./aws-registry";
import { createLocalRegistry } from "./local-registry";
import type { JobDefinitionRegistry } from "./registry";

export function openJobDefinitionRegistry(db: Db, source: "aws" | "local" = env().defaultExecutor): JobDefinitionRegistry {
  return source === "aws" ? createAwsRegistry(batchClient()) : createLocalRegistry(db);
}
