import { describe, expect, it } from "vitest";
import { effectiveResources, isMutableImage, parseImageRef, semanticDiff } from "./diff";
import { readDemoJobDef } from "./test-fixtures";

const s3 = readDemoJobDef("S3ModuleWrapper").json;
const j17 = readDemoJobDef("Java17_Oracle_Generic").json;
const withContainer = (def: Record<string, unknown>, patch: Record<string, unknown>) => ({
  ...def,
  containerProperties: { ...(def.containerProperties as object), ...patch },
});

describe("semanticDiff", () => {
  it("finds nothing between a definition and its described copy", () => {
    expect(semanticDiff(j17, { ...j17, revision: 3, status: "INACTIVE", jobDefinitionArn: "arn:x" })).toEqual([]);
  });

  it("summarizes the two real job definitions", () => {
    const summaries = semanticDiff(s3, j17).map((c) => c.summary);
    expect(summaries).toEqual([
      "Name changed: S3ModuleWrapper → Java17_Oracle_Generic",
      "Image changed: genepattern/dind:0.8 → genepattern/docker-java17",
      "vCPUs changed: 2 → 1",
      "Memory changed: 300 MiB → 2000 MiB",
      "Environment variable removed: GP_JOB_CONTAINER_DONT_USE_CACHE",
      'Command changed: ["/usr/local/bin/copyFromS3ThenRun.sh"] → ["/usr/local/bin/runS3OnBatch.sh","Ref::taskLib","Ref::inputFileDirectory","Ref::s3_root","Ref::working_dir","Ref::exe1"]',
      'Volumes removed (was [{"host":{"sourcePath":"/local"},"name":"LOCAL"},{"host":{"sourcePath":"/var/run"},"name":"RUN"}])',
      'Mount points removed (was [{"containerPath":"/local","readOnly":false,"sourceVolume":"LOCAL"},{"containerPath":"/var/run","readOnly":false,"sourceVolume":"RUN"}])',
      "Job role changed: arn:aws:iam::963173085540:role/BatchRestricted → arn:aws:iam::718039241689:role/BATCH-EFS-ROLE",
      'Retry strategy removed (was {"attempts":1})',
      'Default parameters changed: {"exe1":"-u","inputFileDirectory":"job_1X","s3_root":"noSuchBucket","taskLib":"src","working_dir":"job1_X"} → {"exe1":"-u","inputFileDirectory":"job_22345","s3_root":"noSuchBucket","taskLib":"src","working_dir":"job1"}',
    ]);
  });

  it("calls out an image tag change", () => {
    const next = withContainer(s3, { image: "genepattern/dind:0.9" });
    expect(semanticDiff(s3, next)).toEqual([
      { kind: "image", summary: "Image tag changed for genepattern/dind: 0.8 → 0.9", before: "genepattern/dind:0.8", after: "genepattern/dind:0.9" },
    ]);
  });

  it("calls out a digest change", () => {
    const a = withContainer(j17, { image: "genepattern/docker-java17@sha256:aaa" });
    const b = withContainer(j17, { image: "genepattern/docker-java17@sha256:bbb" });
    expect(semanticDiff(a, b)[0].summary).toBe("Image digest changed for genepattern/docker-java17: sha256:aaa → sha256:bbb");
  });

  it("compares legacy vcpus/memory with resourceRequirements", () => {
    const modern = withContainer(j17, {
      vcpus: undefined,
      memory: undefined,
      resourceRequirements: [
        { type: "MEMORY", value: "2000" },
        { type: "VCPU", value: "1" },
      ],
    });
    // The same resources written the modern way are not a change.
    expect(semanticDiff(j17, modern)).toEqual([]);
    const bigger = withContainer(modern, { resourceRequirements: [{ type: "MEMORY", value: "4096" }, { type: "VCPU", value: "2" }] });
    expect(semanticDiff(j17, bigger).filter((c) => c.kind === "vcpus" || c.kind === "memory").map((c) => c.summary)).toEqual([
      "vCPUs changed: 1 → 2",
      "Memory changed: 2000 MiB → 4096 MiB",
    ]);
  });

  it("reports environment added, changed and removed; timeout and logging", () => {
    const a = withContainer(s3, { environment: [{ name: "A", value: "1" }, { name: "B", value: "2" }] });
    const b = {
      ...withContainer(s3, {
        environment: [{ name: "B", value: "3" }, { name: "C", value: "4" }],
        logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/gp/jobs" } },
      }),
      timeout: { attemptDurationSeconds: 3600 },
    };
    expect(semanticDiff(a, b).map((c) => c.summary)).toEqual([
      "Environment variable changed: B: 2 → 3",
      "Environment variable added: C=4",
      "Environment variable removed: A",
      'Timeout added: {"attemptDurationSeconds":3600}',
      'Log configuration added: {"logDriver":"awslogs","options":{"awslogs-group":"/gp/jobs"}}',
    ]);
  });
});

describe("image references", () => {
  it("parses tags, digests and registry ports", () => {
    expect(parseImageRef("genepattern/dind:0.8")).toEqual({ repository: "genepattern/dind", tag: "0.8", digest: null });
    expect(parseImageRef("registry:5000/x/y")).toEqual({ repository: "registry:5000/x/y", tag: null, digest: null });
    expect(parseImageRef("x/y:1@sha256:ab")).toEqual({ repository: "x/y", tag: "1", digest: "sha256:ab" });
    expect(isMutableImage("genepattern/docker-java17")).toBe(true);
    expect(isMutableImage("a/b:latest")).toBe(true);
    expect(isMutableImage("a/b:0.4")).toBe(false);
  });
  it("reads effective resources of the fixtures", () => {
    expect(effectiveResources(s3)).toEqual({ vcpus: 2, memoryMiB: 300, gpus: null });
  });
});
