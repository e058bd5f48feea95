// The mapping form's fields and levels: plain constants, safe to import from client components.

/** Form field → GP key (reference §1.5, §5.1). */
export const MAPPING_FIELDS = {
  bundle: "executor.props",
  jobDefinition: "job.awsbatch.job-definition-name",
  image: "job.docker.image",
  queue: "job.queue",
  memory: "job.memory",
  cpu: "job.cpuCount",
  walltime: "job.walltime",
} as const;
export type MappingField = keyof typeof MAPPING_FIELDS;
export const mappingFieldNames = Object.keys(MAPPING_FIELDS) as MappingField[];

export const MAPPING_LEVELS = {
  name: "Module name (every version)",
  base: "Base LSID (every version of this LSID)",
  exact: "Exact version (full LSID)",
} as const;
export type MappingLevel = keyof typeof MAPPING_LEVELS;
