// Loads the self-hosted Monaco (no CDN) with its workers bundled, and configures YAML support once per page.
// Import only from client components that are loaded with ssr: false: Monaco touches window at import time.
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor";
import { configureMonacoYaml, type JSONSchema, type MonacoYaml, type MonacoYamlOptions } from "monaco-yaml";

export type Monaco = typeof monaco;

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

window.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === "yaml") return new Worker(new URL("monaco-yaml/yaml.worker", import.meta.url));
    return new Worker(new URL("monaco-editor/esm/vs/editor/editor.worker", import.meta.url));
  },
};

loader.config({ monaco });

export const CONFIG_MODEL_PATH = "file:///gp/config_custom.yaml";

let yaml: MonacoYaml | undefined;

/** Points monaco-yaml at the config's JSON Schema (from the engine's zod schema); later calls update it. */
export function configureConfigSchema(schema: JSONSchema): void {
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: [{ uri: "gp-batch://schema/config_custom.json", fileMatch: ["**/gp/config_custom.yaml"], schema }],
  };
  if (yaml) yaml.update(options);
  else yaml = configureMonacoYaml(monaco, options);
}

export { monaco };
