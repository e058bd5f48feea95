// "Configure a module for AWS Batch" (GenePattern's five-step how-to) as one plan: the runtime-environment bundle,
// the image, the job definition (picked, or registered from a template with that image), the bundle's keys and
// the module's association. Pure: the data layer registers and saves what this computes.
import { setProperties } from "../config/edit";
import { IMAGE_KEY } from "../environments/pins";
import { JOB_DEFINITION_KEY } from "./references";
import type { RegisterJobDefinitionInput } from "./schema";
import type { WizardInput } from "./wizard-input";

export { parseTokenLines, wizardSchema, type WizardInput } from "./wizard-input";

/** The template with the new name and image (everything else kept, so the wrapper command and volumes stay right). */
export function definitionFromTemplate(template: Record<string, unknown>, name: string, image: string): RegisterJobDefinitionInput {
  const container = { ...((template.containerProperties as Record<string, unknown>) ?? {}), image };
  return { ...template, jobDefinitionName: name, containerProperties: container } as RegisterJobDefinitionInput;
}

export function bundleProps(input: Pick<WizardInput, "image" | "tokens">, jobDefinitionRef: string): Record<string, string> {
  return { [JOB_DEFINITION_KEY]: jobDefinitionRef, [IMAGE_KEY]: input.image, ...input.tokens };
}

/** The config after steps 1, 4 and 5 (a range association is written by the range rules, not here). */
export function applyWizardToConfig(text: string, input: WizardInput, jobDefinitionRef: string): string {
  let out = setProperties(text, ["executor.properties", input.bundle], bundleProps(input, jobDefinitionRef));
  if (input.association.by !== "range") out = setProperties(out, ["module.properties", input.association.key], { "executor.props": input.bundle });
  return out;
}
