import { describe, expect, it } from "vitest";
import { batchClient, describeAwsError, logsClient } from "./clients";

describe("AWS clients", () => {
  it("use the given endpoint, region and profile, one client per setting", async () => {
    const a = batchClient({ endpoint: "http://127.0.0.1:4566", region: "eu-west-1", profile: "genepattern" });
    expect(batchClient({ endpoint: "http://127.0.0.1:4566", region: "eu-west-1", profile: "genepattern" })).toBe(a);
    expect(await a.config.region()).toBe("eu-west-1");
    const endpoint = await a.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe("http://127.0.0.1:4566");
    expect(a.config.profile).toBe("genepattern");
    const logs = logsClient({ endpoint: "http://127.0.0.1:4567", region: "us-west-2" });
    expect(await logs.config.region()).toBe("us-west-2");
    // Retries are left to the shared rate budget.
    expect(await a.config.maxAttempts()).toBe(1);
    expect(a.middlewareStack.identify().some((m) => m.startsWith("gpBatchRateBudget"))).toBe(true);
  });

  it("describes AWS errors in one line", () => {
    expect(describeAwsError(Object.assign(new Error("JobQueue q not found"), { name: "ClientException", $metadata: { httpStatusCode: 400 } }))).toBe(
      "ClientException: JobQueue q not found (HTTP 400)",
    );
    expect(describeAwsError("boom")).toBe("boom");
  });
});
