// Shared types of the config engine: positions, diagnostics, GP's value model and the parsed config model.

export type Pos = { line: number; col: number }; // 1-based
export type Range = { start: Pos; end: Pos };
export type Severity = "error" | "warning" | "info";
export type Diagnostic = {
  severity: Severity;
  code: string;
  message: string;
  path: (string | number)[];
  range: Range;
  fix?: { title: string; replacement?: string };
};

/** GP's value model (reference §1.3). Scalars are already coerced the YAML 1.1 way ("yes" -> "true", 1.10 -> "1.1"). */
export type GpValue =
  | { kind: "scalar"; value: string | null }
  | { kind: "list"; values: (string | null)[] }
  | { kind: "map"; entries: Record<string, unknown> };

export type PropertyEntry = {
  key: string;
  value: GpValue;
  path: (string | number)[];
  keyRange: Range;
  valueRange: Range;
};
export type PropertyMap = Map<string, PropertyEntry>; // insertion (file) order

export type ModulePropertiesEntry = { key: string; props: PropertyMap; range: Range };
export type ExecutorEntry = {
  id: string;
  classname: string | null;
  configurationProperties: PropertyMap;
  defaultProperties: PropertyMap;
  range: Range;
};
export type ExecutorPropsBundle = { name: string; props: PropertyMap | null; range: Range };
export type PrincipalEntry = {
  id: string;
  props: PropertyMap;
  moduleProperties: Map<string, ModulePropertiesEntry>;
  range: Range;
};

export type ConfigModel = {
  defaultProperties: PropertyMap;
  executors: Map<string, ExecutorEntry>;
  executorProperties: Map<string, ExecutorPropsBundle>;
  moduleProperties: Map<string, ModulePropertiesEntry>;
  groupProperties: Map<string, PrincipalEntry>;
  userProperties: Map<string, PrincipalEntry>;
};

export type ParsedConfig = { text: string; fileName: string; model: ConfigModel | null; diagnostics: Diagnostic[] };
