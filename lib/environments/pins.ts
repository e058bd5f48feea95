// Release-channel pins as config edits: a pin on a module or an executor.properties bundle becomes the exact keys
// GP reads (job.awsbatch.job-definition-name: Name:rev, job.docker.image), and a rollback puts the old values back.
import { deleteProperty, setProperties } from "../config/edit";
import type { ParsedConfig } from "../config/types";
import { isMutableImage, parseImageRef } from "../jobdefs/diff";
import { JOB_DEFINITION_KEY } from "../jobdefs/references";

export const IMAGE_KEY = "job.docker.image";
export const BUNDLE_PREFIX = "bundle:";

export type PinTarget = { kind: "module"; name: string } | { kind: "bundle"; name: string };
export type PinValues = { jobDefinition: string | null; image: string | null };

export function parsePinTarget(target: string): PinTarget {
  const t = target.trim();
  if (!t) throw new Error("a pin needs a module name or bundle:<name>");
  return t.startsWith(BUNDLE_PREFIX) ? { kind: "bundle", name: t.slice(BUNDLE_PREFIX.length) } : { kind: "module", name: t };
}

export function sectionPathOf(target: string): string[] {
  const t = parsePinTarget(target);
  return t.kind === "bundle" ? ["executor.properties", t.name] : ["module.properties", t.name];
}

/** What the config says today in the target's own section (not the resolved value): the rollback baseline. */
export function readSectionValues(cfg: ParsedConfig, target: string): PinValues {
  const t = parsePinTarget(target);
  const props = t.kind === "bundle" ? cfg.model?.executorProperties.get(t.name)?.props : cfg.model?.moduleProperties.get(t.name)?.props;
  const scalar = (key: string) => {
    const v = props?.get(key)?.value;
    return v && v.kind === "scalar" ? v.value : null;
  };
  return { jobDefinition: scalar(JOB_DEFINITION_KEY), image: scalar(IMAGE_KEY) };
}

/** Writes the pin's keys into the target's section (created when missing); an absent image leaves the key alone. */
export function applyPin(text: string, target: string, values: { jobDefinition: string; image: string | null }): string {
  const props: Record<string, string> = { [JOB_DEFINITION_KEY]: values.jobDefinition };
  if (values.image) props[IMAGE_KEY] = values.image;
  return setProperties(text, sectionPathOf(target), props);
}

/** Puts earlier section values back exactly: a key that was absent is removed again. */
export function restoreSectionValues(text: string, target: string, values: PinValues): string {
  const section = sectionPathOf(target);
  let out = text;
  for (const [key, value] of [[JOB_DEFINITION_KEY, values.jobDefinition], [IMAGE_KEY, values.image]] as const) {
    out = value === null ? deleteProperty(out, [...section, key]) : setProperties(out, section, { [key]: value });
  }
  return out;
}

export type ImageStatus = { image: string; digest: string | null; mutable: boolean; note: string };

/**
 * The image's digest when the reference carries one. Tags are not resolved: this server does not query container
 * registries, and saying so is better than pretending a tag is immutable.
 */
export function imageStatus(image: string): ImageStatus {
  const ref = parseImageRef(image);
  const mutable = isMutableImage(image);
  if (ref.digest) return { image, digest: ref.digest, mutable: false, note: "pinned by digest" };
  return {
    image,
    digest: null,
    mutable,
    note: mutable ? "mutable tag (:latest or no tag): the image can change under this name" : "tag not resolved to a digest (no registry access from this server)",
  };
}
