// Deterministic generator of large, realistic config_custom.yaml files for the config benchmarks (validate and
// resolve share it). Every section of reference §1.4 appears, with anchors, LSID keys, groups and users.

export type GeneratedConfig = {
  text: string;
  lines: number;
  /** Modules that have a module.properties entry (by name, base LSID and full LSID). */
  modules: { name: string; lsid: string }[];
  users: string[];
  groups: string[];
};

/** Builds a config of about `targetLines` lines (never fewer). */
export function generateConfig(targetLines: number): GeneratedConfig {
  const out: string[] = [];
  const modules: GeneratedConfig["modules"] = [];
  const users: string[] = [];
  const groups = ["*", "admins", "broad", "ccle"];
  out.push(
    "# generated benchmark config",
    "default.properties:",
    "    executor: AWSBatch",
    '    job.memory: "2 Gb"',
    '    job.walltime: "02:00:00"',
    "    job.cpuCount: 1",
    '    aws-s3-root: "s3://gp-bench-bucket/gp"',
    '    java: "<run-with-docker> java"',
    '    python_3.6: "<run-with-docker> python3"',
    '    run-with-docker: "<wrapper-scripts>/run-with-docker.sh -c <env-custom> -u docker"',
    '    env-custom: ""',
    "    job.docker.image.lookup: {",
    '        "ABSOLUTE": "genepattern/docker-r-2-15:0.1",',
    '        "GSEA:19.0.19": "genepattern/docker-java18:0.1",',
    "    }",
    "",
    "executors:",
    "    AWSBatch:",
    "        classname: org.genepattern.server.executor.drm.JobExecutor",
    "        configuration.properties:",
    "            jobRunnerClassname: org.genepattern.server.executor.awsbatch.AWSBatchJobRunner",
    "            jobRunnerName: AWSBatchJobRunner",
    "            minDelay: 1000",
    "            maxDelay: 60000",
    "        default.properties:",
    '            job.queue: "gp-bench-queue"',
    '            job.awsbatch.job-definition-name: "S3ModuleWrapper"',
    '            executor.props: "java/1.8"',
    "    LocalJobRunner: org.genepattern.server.executor.RuntimeCommandExecutor",
    "",
    "executor.properties:",
  );
  const bundles = 20;
  for (let b = 0; b < bundles; b++) {
    out.push(
      `    "env/${b}.0":`,
      `        job.docker.image: "genepattern/docker-env${b}:0.${b}"`,
      `        job.awsbatch.job-definition-name: "Env${b}_Generic:${b + 1}"`,
      `        job.memory: "${(b % 8) + 1} Gb"`,
    );
  }
  out.push(
    '    "java/1.8":',
    '        job.docker.image: "genepattern/docker-java18:0.1"',
    "",
    "group.properties:",
    '    "*":',
    '        job.queue: "gp-shared"',
    "    admins:",
    '        job.queue: "gp-admin"',
    "        module.properties:",
    "            Module1:",
    '                job.memory: "64 Gb"',
    "    broad:",
    '        job.cpuCount: 4',
    "    ccle:",
    '        executor.props: "env/3.0"',
    "",
  );
  const userSectionAt = out.length;
  out.push("user.properties:");
  for (let u = 0; u < 50; u++) {
    users.push(`user${u}`);
    out.push(`    user${u}:`, `        job.queue: "user-queue-${u}"`);
    if (u % 5 === 0) out.push("        module.properties:", `            Module${u}:`, '                job.memory: "16 Gb"');
  }
  out.push("", "module.properties:");
  const moduleSectionLines = out.length - userSectionAt;
  void moduleSectionLines;
  let m = 0;
  // Each module block is 11 lines; keep adding until the target is met.
  while (out.length < targetLines) {
    const name = `Module${m}`;
    const base = `urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:${String(m).padStart(5, "0")}`;
    const version = `${(m % 7) + 1}.${m % 3}`;
    modules.push({ name, lsid: `${base}:${version}` });
    out.push(
      `    ${name}:${m === 0 ? " &module_defaults" : ""}`,
      `        job.memory: "${(m % 16) + 1} Gb"`,
      `        executor.props: "env/${m % bundles}.0"`,
      `        java_flags: "-Xmx${(m % 16) + 1}g"`,
      `    "${base}":`,
      `        job.queue: "queue-${m % 10}"`,
      `        job.cpuCount: ${(m % 8) + 1}`,
      `    "${base}:${version}":`,
      `        job.docker.image: "genepattern/docker-module${m}:${version}"`,
      `        job.walltime: "0${m % 10}:30:00"`,
      m === 1 ? "    ModuleAlias: *module_defaults" : `        job.awsbatch.job-definition-name: "Module${m}_Def:1"`,
    );
    m++;
  }
  const text = out.join("\n") + "\n";
  return { text, lines: out.length, modules, users, groups };
}
