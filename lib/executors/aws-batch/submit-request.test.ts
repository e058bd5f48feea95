import { describe, expect, it } from "vitest";
import { batchJobName, batchTimeoutSeconds, buildSubmitJobInput, submitRequestNotes, type SubmitRequestSpec } from "./submit-request";

const spec: SubmitRequestSpec = {
  jobNo: 1234,
  moduleName: "Seurat.QC",
  moduleLsid: "urn:lsid:genepattern.org:module.analysis:00416:5",
  userId: "alice",
  taskLibDir: "/opt/gp/taskLib/Seurat.QC.5.0",
  workDir: "/opt/gp/jobResults/1234",
  metaDir: "/opt/gp/jobResults/1234.meta",
  inputDir: "/opt/gp/jobResults/1234/.inputs_for_1234",
  s3Root: "s3://gp-bucket/prod",
  jobQueue: "gpbeta-default",
  jobDefinition: "S3ModuleWrapper:7",
  walltimeSec: 7200,
  memoryMb: 4096,
  cpuCount: 2,
  dockerImage: "genepattern/seurat-qc:5.0",
  bindMounts: ["/opt/gp/users/alice/uploads", "/opt/gp/jobResults/1234"],
};

describe("buildSubmitJobInput (reference §5.4)", () => {
  it("builds the exact request runOnBatch-v0.4.sh sends", () => {
    expect(buildSubmitJobInput(spec)).toEqual({
      jobName: "GP_Job_1234_SeuratQC",
      jobQueue: "gpbeta-default",
      jobDefinition: "S3ModuleWrapper:7",
      parameters: {
        taskLib: "/opt/gp/taskLib/Seurat.QC.5.0",
        inputFileDirectory: "/opt/gp/jobResults/1234/.inputs_for_1234",
        s3_root: "s3://gp-bucket/prod",
        working_dir: "/opt/gp/jobResults/1234",
        exe1: "/opt/gp/jobResults/1234.meta/exec.sh",
      },
      containerOverrides: {
        environment: [
          { name: "GP_JOB_METADATA_DIR", value: "/opt/gp/jobResults/1234.meta" },
          { name: "STDERR_FILENAME", value: "/opt/gp/jobResults/1234.meta/stderr.txt" },
          { name: "GP_JOB_ID", value: "1234" },
          { name: "GP_USER_ID", value: "alice" },
          { name: "GP_JOB_WORKING_DIR", value: "/opt/gp/jobResults/1234" },
          { name: "GP_WORKING_DIR", value: "/opt/gp/jobResults/1234" },
          { name: "GP_METADATA_DIR", value: "/opt/gp/jobResults/1234.meta" },
          { name: "GP_MODULE_NAME", value: "Seurat.QC" },
          { name: "GP_MODULE_LSID", value: "urn:lsid:genepattern.org:module.analysis:00416:5" },
          { name: "GP_MODULE_DIR", value: "/opt/gp/taskLib/Seurat.QC.5.0" },
          { name: "GP_TASKLIB", value: "/opt/gp/taskLib/Seurat.QC.5.0" },
          { name: "AWS_S3_PREFIX", value: "s3://gp-bucket/prod" },
          { name: "S3_ROOT", value: "s3://gp-bucket/prod" },
          { name: "GP_S3_ROOT", value: "s3://gp-bucket/prod" },
          { name: "GP_LOCAL_PREFIX", value: "/local" },
          { name: "GP_AWS_SYNC_SCRIPT_NAME", value: "aws-sync-from-s3.sh" },
          { name: "GP_JOB_DOCKER_BIND_MOUNTS", value: "/opt/gp/users/alice/uploads:/opt/gp/jobResults/1234" },
          { name: "GP_DOCKER_MOUNT_POINTS", value: "/opt/gp/users/alice/uploads:/opt/gp/jobResults/1234" },
          { name: "GP_JOB_DOCKER_IMAGE", value: "genepattern/seurat-qc:5.0" },
          { name: "GP_DOCKER_CONTAINER", value: "genepattern/seurat-qc:5.0" },
          { name: "GP_JOB_WALLTIME_SEC", value: "7200" },
          { name: "GP_CONTAINER_CANT_RUN_AS_ROOT", value: "false" },
          { name: "GP_READONLY_BIND_MOUNTS", value: "false" },
        ],
        resourceRequirements: [
          { type: "MEMORY", value: "4096" },
          { type: "VCPU", value: "2" },
        ],
      },
      timeout: { attemptDurationSeconds: 7200 },
    });
  });

  it("has no command override", () => {
    const input = buildSubmitJobInput(spec);
    expect(input.containerOverrides).not.toHaveProperty("command");
    expect(input).not.toHaveProperty("command");
  });

  it("sends MEMORY and VCPU only within GP's bounds (no trailing-comma bug, §8 item 14)", () => {
    expect(buildSubmitJobInput({ ...spec, memoryMb: 399, cpuCount: 0 }).containerOverrides).not.toHaveProperty("resourceRequirements");
    expect(buildSubmitJobInput({ ...spec, memoryMb: 1_000_000, cpuCount: null }).containerOverrides?.resourceRequirements).toEqual([{ type: "MEMORY", value: "1000000" }]);
    expect(buildSubmitJobInput({ ...spec, memoryMb: null, cpuCount: 256 }).containerOverrides?.resourceRequirements).toEqual([{ type: "VCPU", value: "256" }]);
    expect(buildSubmitJobInput({ ...spec, memoryMb: 2048, cpuCount: 257 }).containerOverrides?.resourceRequirements).toEqual([{ type: "MEMORY", value: "2048" }]);
  });

  it("uses dest-prefix, sync script name, prefix and the docker flags when given", () => {
    const input = buildSubmitJobInput({ ...spec, localPrefix: "/scratch", syncScriptName: "pull.sh", jobNamePrefix: "Test_", cantRunAsRoot: true, readonlyBindMounts: true });
    const env = Object.fromEntries(input.containerOverrides!.environment!.map((e) => [e.name, e.value]));
    expect(input.jobName).toBe("Test_1234_SeuratQC");
    expect(env.GP_LOCAL_PREFIX).toBe("/scratch");
    expect(env.GP_AWS_SYNC_SCRIPT_NAME).toBe("pull.sh");
    expect(env.GP_CONTAINER_CANT_RUN_AS_ROOT).toBe("true");
    expect(env.GP_READONLY_BIND_MOUNTS).toBe("true");
  });
});

describe("batchTimeoutSeconds", () => {
  it.each([
    [null, 14400],
    [59, 14400],
    [60, 60],
    [604800, 604800],
    [604801, 14400],
    [600, 600],
  ])("%s → %s", (walltime, expected) => {
    expect(batchTimeoutSeconds(walltime).seconds).toBe(expected);
  });
});

describe("batchJobName", () => {
  it("keeps letters and digits of the module name and stays within Batch's rules", () => {
    expect(batchJobName("GP_Job_", 7, "Hierarchical Clustering^2")).toBe("GP_Job_7_HierarchicalClustering2");
    expect(batchJobName("GP Job#", 7, "X")).toBe("GPJob7_X");
    expect(batchJobName("__", 7, "X")).toBe("7_X");
    const long = batchJobName("GP_Job_", 1, "M".repeat(300));
    expect(long).toHaveLength(128);
    expect(long).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/);
  });
});

describe("submitRequestNotes", () => {
  it("explains dropped and reset values", () => {
    expect(submitRequestNotes({ ...spec, walltimeSec: 30, memoryMb: 100 })).toEqual([
      "job.walltime 30 s is outside 60…604800 s: GP silently resets it to 14400 s (4 h)",
      "job.memory 100 MiB is outside 400…1000000: no MEMORY override is sent (the job definition's value applies)",
    ]);
  });
});
