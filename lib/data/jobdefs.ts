// Data access for the Job definitions pages: registry listings (every view refreshes the backups), references
// from the config and the environments, diffs, registration, deregistration, cleanup and restore. All audited.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { assertCan } from "../auth/roles";
import { ConfigFileError, checkForSave, readConfigFile, unifiedDiff } from "../config/store";
import type { Diagnostic } from "../config/types";
import { parseConfig } from "../config/parse";
import type { ParsedConfig } from "../config/types";
import { applyWizardToConfig, definitionFromTemplate, type WizardInput } from "../jobdefs/wizard";
import { configValidateOptions, introducedWarnings, onlyPreexistingWarnings, saveConfigEdit } from "./environments";
import { createRangeRule, previewRangeRule } from "./modules";
import { env } from "../env";
import { ActionError } from "../errors";
import { AwsBatchError } from "../jobdefs/aws-registry";
import { planCleanup, type CleanupPlan } from "../jobdefs/cleanup";
import { effectiveResources, isMutableImage, semanticDiff, type JobDefinitionChange } from "../jobdefs/diff";
import { findRevision } from "../jobdefs/lookup";
import { jobDefinitionHash, normalizedJson } from "../jobdefs/normalize";
import { openJobDefinitionRegistry } from "../jobdefs/open-registry";
import {
  findConfigReferences,
  referenceProblems,
  resolveModuleUsage,
  type ConfigReference,
  type ModuleUsage,
  type ReferenceProblem,
} from "../jobdefs/references";
import { formatRef, latestActive, parseJobDefinitionRef, type JobDefinitionRecord, type JobDefinitionRegistry } from "../jobdefs/registry";
import { ensureSnapshotSchedule } from "../jobdefs/schedule";
import { checkJobDefinitionJson, type JobDefinitionDiagnostic } from "../jobdefs/schema";
import { exportBackup, refreshSnapshots, registerIfChanged, restoreBackup, type BackupFile, type RegisterOutcome, type RestoreItem } from "../jobdefs/snapshots";
import { parseBackupFile } from "../jobdefs/backup-file";
import type { DataContext } from "./context";

const actorOf = (ctx: DataContext) => ({ id: ctx.user.id, username: ctx.user.username });

function registryFor(ctx: DataContext): JobDefinitionRegistry {
  ensureSnapshotSchedule(ctx.db);
  return openJobDefinitionRegistry(ctx.db);
}

/** AWS failures are expected (credentials, throttling, network): shown as a message, never a stack trace. */
async function aws<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AwsBatchError) throw new ActionError("aws", error.message);
    throw error;
  }
}

type Loaded = { source: "aws" | "local"; records: JobDefinitionRecord[]; error: string | null };

/** The registry's revisions (and a backup refresh); if the registry cannot be read, the backups stand in. */
async function loadRecords(ctx: DataContext): Promise<Loaded> {
  const registry = registryFor(ctx);
  try {
    const records = await registry.list();
    await refreshSnapshots(ctx.db, registry, records);
    return { source: registry.source, records, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const snaps = await ctx.db.jobDefinitionSnapshot.findMany({ where: { source: registry.source }, orderBy: [{ name: "asc" }, { revision: "asc" }] });
    return {
      source: registry.source,
      error: `${message} — showing the last backed-up state instead.`,
      records: snaps.map((s) => ({ name: s.name, revision: s.revision, arn: s.arn, status: s.status === "INACTIVE" ? "INACTIVE" : "ACTIVE", definition: JSON.parse(s.json) })),
    };
  }
}

async function loadConfig(): Promise<ParsedConfig | null> {
  try {
    const { text } = await readConfigFile(env().configPath);
    return parseConfig(text, { fileName: "config_custom.yaml" });
  } catch (error) {
    if (error instanceof ConfigFileError) return null;
    throw error;
  }
}

/** Catalog modules (name + newest LSID) plus module.properties keys that are plain names. */
async function modulesToResolve(ctx: DataContext, cfg: ParsedConfig | null): Promise<{ name: string; lsid: string | null }[]> {
  const versions = await ctx.db.moduleVersion.findMany({ select: { lsid: true, module: { select: { name: true } } }, orderBy: { id: "asc" } });
  const byName = new Map<string, string | null>();
  for (const v of versions) byName.set(v.module.name, v.lsid);
  for (const key of cfg?.model?.moduleProperties.keys() ?? []) if (!key.startsWith("urn:") && !byName.has(key)) byName.set(key, null);
  return [...byName].map(([name, lsid]) => ({ name, lsid })).sort((a, b) => a.name.localeCompare(b.name));
}

export type EnvironmentPinRef = { environment: string; target: string; ref: string };

async function environmentPins(ctx: DataContext): Promise<EnvironmentPinRef[]> {
  const pins = await ctx.db.pin.findMany({ select: { target: true, jobDefinition: true, environment: { select: { name: true } } } });
  return pins.map((p) => ({ environment: p.environment.name, target: p.target, ref: p.jobDefinition }));
}

export type RevisionSummary = {
  name: string;
  revision: number;
  ref: string;
  status: string;
  image: string | null;
  mutableImage: boolean;
  vcpus: number | null;
  memoryMiB: number | null;
};

function summarize(r: JobDefinitionRecord): RevisionSummary {
  const image = ((r.definition.containerProperties as { image?: string } | undefined)?.image ?? null) as string | null;
  const res = effectiveResources(r.definition);
  return {
    name: r.name,
    revision: r.revision,
    ref: formatRef(r.name, r.revision),
    status: r.status,
    image,
    mutableImage: image ? isMutableImage(image) : false,
    vcpus: res.vcpus,
    memoryMiB: res.memoryMiB,
  };
}

export type JobDefinitionNameRow = {
  name: string;
  latest: RevisionSummary | null;
  revisionCount: number;
  activeCount: number;
  modules: ModuleUsage[];
  references: ConfigReference[];
  pins: EnvironmentPinRef[];
  problems: ReferenceProblem[];
};

export type JobDefinitionsOverview = {
  source: "aws" | "local";
  registryError: string | null;
  configMissing: boolean;
  names: JobDefinitionNameRow[];
  problems: ReferenceProblem[];
};

export async function getJobDefinitionsOverview(ctx: DataContext): Promise<JobDefinitionsOverview> {
  assertCan(ctx.user, "read");
  const [loaded, cfg, pins] = await Promise.all([loadRecords(ctx), loadConfig(), environmentPins(ctx)]);
  const refs = cfg ? findConfigReferences(cfg) : [];
  const usage = cfg ? resolveModuleUsage(cfg, await modulesToResolve(ctx, cfg)) : [];
  const problems = referenceProblems(refs, loaded.records);
  const names = [...new Set([...loaded.records.map((r) => r.name), ...refs.map((r) => r.name)])].sort();
  return {
    source: loaded.source,
    registryError: loaded.error,
    configMissing: !cfg,
    problems,
    names: names.map((name) => {
      const revisions = loaded.records.filter((r) => r.name === name);
      const latest = latestActive(revisions, name);
      return {
        name,
        latest: latest ? summarize(latest) : null,
        revisionCount: revisions.length,
        activeCount: revisions.filter((r) => r.status === "ACTIVE").length,
        modules: usage.filter((u) => u.name === name),
        references: refs.filter((r) => r.name === name),
        pins: pins.filter((p) => parseSafe(p.ref)?.name === name),
        problems: problems.filter((p) => p.reference.name === name),
      };
    }),
  };
}

function parseSafe(ref: string) {
  try {
    return parseJobDefinitionRef(ref);
  } catch {
    return null;
  }
}

export type RevisionRow = RevisionSummary & {
  snapshotId: number | null;
  hash: string;
  firstSeen: Date | null;
  lastSeen: Date | null;
  onlyInBackup: boolean;
  usedBy: string[];
};

export type JobDefinitionRevisions = {
  name: string;
  source: "aws" | "local";
  registryError: string | null;
  revisions: RevisionRow[];
  problems: ReferenceProblem[];
};

/** Why each revision of `name` must stay ACTIVE: config lines (pins, or name-only refs to the latest) and environment pins. */
function usedByMap(name: string, records: JobDefinitionRecord[], refs: ConfigReference[], pins: EnvironmentPinRef[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (ref: string, why: string) => out.set(ref, [...(out.get(ref) ?? []), why]);
  const latest = latestActive(records, name);
  for (const r of refs) {
    if (r.name !== name) continue;
    if (r.revision !== null) add(formatRef(name, r.revision), `${r.section} (line ${r.line})`);
    else if (latest) add(formatRef(name, latest.revision), `${r.section} (line ${r.line}, latest revision)`);
  }
  for (const p of pins) if (parseSafe(p.ref)?.name === name) add(p.ref, `environment ${p.environment} › ${p.target}`);
  return out;
}

export async function getJobDefinitionRevisions(ctx: DataContext, name: string): Promise<JobDefinitionRevisions | null> {
  assertCan(ctx.user, "read");
  const [loaded, cfg, pins] = await Promise.all([loadRecords(ctx), loadConfig(), environmentPins(ctx)]);
  const records = loaded.records.filter((r) => r.name === name);
  const snaps = await ctx.db.jobDefinitionSnapshot.findMany({ where: { source: loaded.source, name }, orderBy: { revision: "desc" } });
  if (!records.length && !snaps.length) return null;
  const refs = cfg ? findConfigReferences(cfg) : [];
  const used = usedByMap(name, records, refs, pins);
  const rows = new Map<number, RevisionRow>();
  for (const s of snaps) {
    const record: JobDefinitionRecord = { name, revision: s.revision, arn: s.arn, status: s.status === "INACTIVE" ? "INACTIVE" : "ACTIVE", definition: JSON.parse(s.json) };
    rows.set(s.revision, { ...summarize(record), snapshotId: s.id, hash: s.hash, firstSeen: s.firstSeen, lastSeen: s.lastSeen, onlyInBackup: true, usedBy: [] });
  }
  for (const r of records) {
    const prior = rows.get(r.revision);
    rows.set(r.revision, {
      ...summarize(r),
      snapshotId: prior?.snapshotId ?? null,
      hash: prior?.hash ?? jobDefinitionHash(r.definition),
      firstSeen: prior?.firstSeen ?? null,
      lastSeen: prior?.lastSeen ?? null,
      onlyInBackup: false,
      usedBy: [],
    });
  }
  for (const row of rows.values()) row.usedBy = used.get(row.ref) ?? [];
  return {
    name,
    source: loaded.source,
    registryError: loaded.error,
    revisions: [...rows.values()].sort((a, b) => b.revision - a.revision),
    problems: referenceProblems(refs, loaded.records).filter((p) => p.reference.name === name),
  };
}

export type JobDefinitionDiff = {
  a: { ref: string; status: string; from: "registry" | "backup"; json: string };
  b: { ref: string; status: string; from: "registry" | "backup"; json: string };
  changes: JobDefinitionChange[];
};

export async function getJobDefinitionDiff(ctx: DataContext, refA: string, refB: string): Promise<JobDefinitionDiff> {
  assertCan(ctx.user, "read");
  const registry = registryFor(ctx);
  const pick = async (ref: string) => {
    if (!parseSafe(ref)) throw new ActionError("invalid", `'${ref}' is not a job definition reference (name:revision)`);
    const found = await aws(() => findRevision(ctx.db, registry, ref));
    if (!found) throw new ActionError("not_found", `Job definition ${ref} was not found in the registry or the backups`);
    return { ref: formatRef(found.name, found.revision), status: found.status, from: found.from, json: normalizedJson(found.definition), definition: found.definition };
  };
  const [a, b] = await Promise.all([pick(refA), pick(refB)]);
  return { a: { ref: a.ref, status: a.status, from: a.from, json: a.json }, b: { ref: b.ref, status: b.status, from: b.from, json: b.json }, changes: semanticDiff(a.definition, b.definition) };
}

/** The starting text of "register a new revision": the base revision as register-ready JSON. */
export async function getRegisterDraft(ctx: DataContext, baseRef: string): Promise<{ baseRef: string; text: string } | null> {
  assertCan(ctx.user, "read");
  const found = await aws(() => findRevision(ctx.db, registryFor(ctx), baseRef));
  if (!found) return null;
  return { baseRef: formatRef(found.name, found.revision), text: normalizedJson(found.definition) + "\n" };
}

export type RegistrationPreview =
  | { ok: false; diagnostics: JobDefinitionDiagnostic[] }
  | { ok: true; name: string; baseRef: string | null; baseJson: string | null; json: string; changes: JobDefinitionChange[]; identicalTo: string | null; bytes: number };

/** Validates an edited definition and compares it with its base and with the latest ACTIVE revision of its name. */
export async function previewRegistration(ctx: DataContext, input: { text: string; baseRef?: string | null }): Promise<RegistrationPreview> {
  assertCan(ctx.user, "read");
  const checked = checkJobDefinitionJson(input.text);
  if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };
  const registry = registryFor(ctx);
  const base = input.baseRef ? await aws(() => findRevision(ctx.db, registry, input.baseRef!)) : null;
  const latest = await aws(() => registry.describe(checked.definition.jobDefinitionName));
  const identical = latest && jobDefinitionHash(latest.definition) === jobDefinitionHash(checked.definition) ? formatRef(latest.name, latest.revision) : null;
  return {
    ok: true,
    name: checked.definition.jobDefinitionName,
    baseRef: base ? formatRef(base.name, base.revision) : null,
    baseJson: base ? normalizedJson(base.definition) : null,
    json: normalizedJson(checked.definition),
    changes: base ? semanticDiff(base.definition, checked.definition) : [],
    identicalTo: identical,
    bytes: checked.bytes,
  };
}

export async function registerJobDefinition(ctx: DataContext, input: { text: string; baseRef?: string | null; reason: string }): Promise<RegisterOutcome> {
  assertCan(ctx.user, "jobdefs.write");
  const checked = checkJobDefinitionJson(input.text);
  if (!checked.ok) {
    const first = checked.diagnostics[0];
    throw new ActionError("invalid", `Not registered: line ${first.range.start.line}:${first.range.start.col} ${first.message}${checked.diagnostics.length > 1 ? ` (and ${checked.diagnostics.length - 1} more)` : ""}`);
  }
  const outcome = await aws(() => registerIfChanged(ctx.db, registryFor(ctx), checked.definition));
  if (outcome.status === "registered") {
    await recordAudit(ctx.db, {
      actor: actorOf(ctx),
      action: "jobdefs.register",
      target: `jobdef:${outcome.ref}`,
      before: input.baseRef ?? undefined,
      after: normalizedJson(checked.definition),
      reason: input.reason,
    });
  }
  return outcome;
}

/** Everything that keeps `ref` in use; empty when it may be deregistered. */
async function usesOf(ctx: DataContext, ref: string, records?: JobDefinitionRecord[]): Promise<string[]> {
  const { name } = parseJobDefinitionRef(ref);
  const [cfg, pins] = await Promise.all([loadConfig(), environmentPins(ctx)]);
  const recs = records ?? (await registryFor(ctx).list({ name }));
  return usedByMap(name, recs, cfg ? findConfigReferences(cfg) : [], pins).get(ref) ?? [];
}

export async function deregisterJobDefinition(ctx: DataContext, input: { ref: string; reason: string }): Promise<{ ref: string }> {
  assertCan(ctx.user, "jobdefs.write");
  const parsed = parseSafe(input.ref);
  if (!parsed || parsed.revision === null) throw new ActionError("invalid", `Deregister needs name:revision, got '${input.ref}'`);
  const registry = registryFor(ctx);
  const records = await aws(() => registry.list({ name: parsed.name }));
  const record = records.find((r) => r.revision === parsed.revision);
  if (!record) throw new ActionError("not_found", `Job definition ${input.ref} does not exist`);
  if (record.status === "INACTIVE") throw new ActionError("conflict", `${input.ref} is already INACTIVE`);
  const uses = await usesOf(ctx, input.ref, records);
  if (uses.length) throw new ActionError("conflict", `${input.ref} is still used by: ${uses.join("; ")}. Change those mappings first.`);
  await aws(() => registry.deregister(input.ref));
  await refreshSnapshots(ctx.db, registry, await aws(() => registry.list({ name: parsed.name })));
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: "jobdefs.deregister", target: `jobdef:${input.ref}`, before: "ACTIVE", after: "INACTIVE", reason: input.reason });
  return { ref: input.ref };
}

export async function planJobDefinitionCleanup(ctx: DataContext, input: { name: string; keep: number }): Promise<CleanupPlan> {
  assertCan(ctx.user, "read");
  const registry = registryFor(ctx);
  const records = await aws(() => registry.list({ name: input.name }));
  const [cfg, pins] = await Promise.all([loadConfig(), environmentPins(ctx)]);
  const used = usedByMap(input.name, records, cfg ? findConfigReferences(cfg) : [], pins);
  return planCleanup(records, input.name, input.keep, new Map([...used].map(([ref, why]) => [ref, why.join("; ")])));
}

export async function applyJobDefinitionCleanup(ctx: DataContext, input: { name: string; keep: number; reason: string }): Promise<CleanupPlan> {
  assertCan(ctx.user, "jobdefs.write");
  const plan = await planJobDefinitionCleanup(ctx, input);
  const registry = registryFor(ctx);
  for (const ref of plan.deregister) await aws(() => registry.deregister(ref));
  await refreshSnapshots(ctx.db, registry, await aws(() => registry.list({ name: input.name })));
  if (plan.deregister.length) {
    await recordAudit(ctx.db, {
      actor: actorOf(ctx),
      action: "jobdefs.cleanup",
      target: `jobdef:${input.name}`,
      after: { keep: plan.keep, deregistered: plan.deregister, protected: plan.protected },
      reason: input.reason,
    });
  }
  return plan;
}

/** Registers a backed-up revision again (unless it is identical to the latest). */
export async function restoreJobDefinitionSnapshot(ctx: DataContext, input: { snapshotId: number; reason: string }): Promise<RegisterOutcome> {
  assertCan(ctx.user, "jobdefs.write");
  const snap = await ctx.db.jobDefinitionSnapshot.findUnique({ where: { id: input.snapshotId } });
  if (!snap) throw new ActionError("not_found", "That backup does not exist");
  const definition = { ...JSON.parse(snap.json), jobDefinitionName: snap.name };
  const outcome = await aws(() => registerIfChanged(ctx.db, registryFor(ctx), definition));
  if (outcome.status === "registered") {
    await recordAudit(ctx.db, {
      actor: actorOf(ctx),
      action: "jobdefs.restore",
      target: `jobdef:${outcome.ref}`,
      before: `backup of ${formatRef(snap.name, snap.revision)} (${snap.source})`,
      after: snap.json,
      reason: input.reason,
    });
  }
  return outcome;
}

/** Restores a whole backup file; returns what was registered and what was skipped. */
export async function restoreJobDefinitionBackup(ctx: DataContext, input: { text: string; reason: string }): Promise<RestoreItem[]> {
  assertCan(ctx.user, "jobdefs.write");
  const parsed = parseBackupFile(input.text, "backup");
  if (!parsed.ok) throw new ActionError("invalid", parsed.errors.slice(0, 5).join("\n"));
  const items = await aws(() => restoreBackup(ctx.db, registryFor(ctx), parsed.backup));
  const registered = items.filter((i) => i.outcome.status === "registered").map((i) => i.outcome.ref);
  if (registered.length) {
    await recordAudit(ctx.db, { actor: actorOf(ctx), action: "jobdefs.restore", target: "jobdef:backup", after: { registered }, reason: input.reason });
  }
  return items;
}

export async function exportJobDefinitionBackup(ctx: DataContext): Promise<BackupFile> {
  assertCan(ctx.user, "read");
  await loadRecords(ctx);
  return exportBackup(ctx.db);
}

// ---- "Configure a module for AWS Batch" wizard ------------------------------------------------------------------

export type WizardChoices = {
  bundles: { name: string; props: Record<string, string> }[];
  modules: { name: string; lsids: string[]; baseLsid: string }[];
  definitions: { ref: string; name: string; image: string | null; json: string }[];
  configHash: string | null;
};

export async function getWizardChoices(ctx: DataContext): Promise<WizardChoices> {
  assertCan(ctx.user, "read");
  const [loaded, config, modules] = await Promise.all([
    loadRecords(ctx),
    readConfigFile(env().configPath).catch(() => null),
    ctx.db.module.findMany({ select: { name: true, baseLsid: true, versions: { select: { lsid: true }, orderBy: { id: "asc" } } }, orderBy: { name: "asc" } }),
  ]);
  const model = config ? parseConfig(config.text).model : null;
  const bundles = [...(model?.executorProperties.values() ?? [])].map((b) => ({
    name: b.name,
    props: Object.fromEntries([...(b.props?.values() ?? [])].map((e) => [e.key, e.value.kind === "scalar" ? e.value.value ?? "" : JSON.stringify(e.value)])),
  }));
  return {
    bundles,
    modules: modules.map((m) => ({ name: m.name, baseLsid: m.baseLsid, lsids: m.versions.map((v) => v.lsid) })),
    definitions: loaded.records
      .filter((r) => r.status === "ACTIVE")
      .sort((a, b) => (a.name === b.name ? b.revision - a.revision : a.name.localeCompare(b.name)))
      .map((r) => ({ ref: formatRef(r.name, r.revision), name: r.name, image: summarize(r).image, json: normalizedJson(r.definition) })),
    configHash: config?.hash ?? null,
  };
}

export type WizardPreview = {
  baseHash: string;
  jobDefinitionRef: string;
  /** The definition that will be registered, or null when an existing (or identical latest) revision is used. */
  registerJson: string | null;
  definitionJson: string;
  notes: string[];
  diff: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
};

async function wizardDefinition(ctx: DataContext, input: WizardInput) {
  const registry = registryFor(ctx);
  if (input.jobDefinition.mode === "existing") {
    const existing = input.jobDefinition;
    const found = await aws(() => registry.describe(existing.ref));
    if (!found) throw new ActionError("not_found", `Job definition ${existing.ref} does not exist`);
    if (found.status !== "ACTIVE") throw new ActionError("conflict", `Job definition ${existing.ref} is INACTIVE`);
    const image = summarize(found).image;
    const notes = image && image !== input.image ? [`${existing.ref} runs ${image}; the bundle sets job.docker.image to ${input.image} (the module image inside it).`] : [];
    return { ref: formatRef(found.name, found.revision), register: null, definition: found.definition, notes };
  }
  const jd = input.jobDefinition;
  const template = await aws(() => findRevision(ctx.db, registry, jd.template));
  if (!template) throw new ActionError("not_found", `Template ${jd.template} does not exist`);
  const definition = definitionFromTemplate(template.definition, jd.name, input.image);
  const checked = checkJobDefinitionJson(JSON.stringify(definition));
  if (!checked.ok) throw new ActionError("invalid", `The new job definition is not valid: ${checked.diagnostics.map((d) => d.message).join("; ")}`);
  const records = await aws(() => registry.list({ name: jd.name }));
  const latest = latestActive(records, jd.name);
  if (latest && jobDefinitionHash(latest.definition) === jobDefinitionHash(checked.definition)) {
    const ref = formatRef(latest.name, latest.revision);
    return { ref, register: null, definition: latest.definition, notes: [`Identical to the latest revision ${ref}: it is used, nothing new is registered.`] };
  }
  const next = records.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
  return { ref: formatRef(jd.name, next), register: checked.definition, definition: checked.definition, notes: [`${formatRef(jd.name, next)} will be registered from ${jd.template} with image ${input.image}.`] };
}

export async function previewWizard(ctx: DataContext, input: WizardInput): Promise<WizardPreview> {
  assertCan(ctx.user, "read");
  const config = await readConfigFile(env().configPath).catch((error) => {
    throw new ActionError("config-unreadable", error instanceof Error ? error.message : String(error));
  });
  const def = await wizardDefinition(ctx, input);
  let text: string;
  try {
    text = applyWizardToConfig(config.text, input, def.ref);
  } catch (error) {
    throw new ActionError("invalid", `The config cannot be edited: ${(error as Error).message}`);
  }
  const validate = await configValidateOptions(ctx);
  // A job definition about to be registered is not in the registry yet; tell the validator it will be.
  if (def.register && "jobDefinitionNames" in validate) validate.jobDefinitionNames = [...validate.jobDefinitionNames!, input.jobDefinition.mode === "new" ? input.jobDefinition.name : ""];
  const { errors, warnings: allWarnings } = checkForSave(text, "config_custom.yaml", validate);
  const warnings = introducedWarnings(config.text, allWarnings, validate);
  const notes = [...def.notes];
  if (input.association.by === "range") notes.push(`Versions of ${input.association.key} in ${input.association.range} get executor.props: ${input.bundle} through a range rule, written right after this change.`);
  return {
    baseHash: config.hash,
    jobDefinitionRef: def.ref,
    registerJson: def.register ? normalizedJson(def.register) : null,
    definitionJson: normalizedJson(def.definition),
    notes,
    diff: unifiedDiff("config_custom.yaml", config.text, text),
    errors,
    warnings,
  };
}

export type WizardResult = {
  ok: boolean;
  message: string;
  jobDefinitionRef: string;
  registered: boolean;
  diff: string;
  rangeDiff: string | null;
  testModule: string;
};

export async function applyWizard(ctx: DataContext, input: WizardInput & { baseHash: string; confirmWarnings: boolean }): Promise<WizardResult> {
  assertCan(ctx.user, "jobdefs.write");
  assertCan(ctx.user, "config.write");
  const reason = input.reason || `configure ${input.association.key} for AWS Batch (${input.bundle})`;
  const config = await readConfigFile(env().configPath);
  if (config.hash !== input.baseHash) throw new ActionError("conflict", "The config file changed since the review. Review again.");
  const def = await wizardDefinition(ctx, input);
  let ref = def.ref;
  let registered = false;
  if (def.register) {
    const outcome = await aws(() => registerIfChanged(ctx.db, registryFor(ctx), def.register!));
    ref = outcome.ref;
    registered = outcome.status === "registered";
    if (registered) {
      await recordAudit(ctx.db, { actor: actorOf(ctx), action: "jobdefs.register", target: `jobdef:${ref}`, after: normalizedJson(def.register), reason });
    }
  }
  const text = applyWizardToConfig(config.text, input, ref);
  const result = await saveConfigEdit(ctx, config, text, { reason, confirmWarnings: input.confirmWarnings, action: "jobdefs.wizard.config" });
  const testModule = input.association.key;
  if (!result.ok) {
    return { ok: false, message: `${result.message}${registered ? ` (${ref} was registered and stays; the config was not changed)` : ""}`, jobDefinitionRef: ref, registered, diff: "", rangeDiff: null, testModule };
  }
  let rangeDiff: string | null = null;
  let message = `Saved: ${input.association.key} now uses ${input.bundle} with ${ref}.`;
  if (input.association.by === "range") {
    const draft = { baseLsid: input.association.key, range: input.association.range, props: { "executor.props": input.bundle } };
    // As above: only warnings the range block itself introduces need the user's confirm.
    const rangePreview = await previewRangeRule(ctx, draft);
    const confirm = input.confirmWarnings || onlyPreexistingWarnings(text, rangePreview.text, await configValidateOptions(ctx));
    const rangeResult = await createRangeRule(ctx, draft, { baseHash: result.hash, reason, confirmWarnings: confirm });
    if (rangeResult.ok) rangeDiff = rangeResult.diff;
    else message += ` The range rule was not saved: ${rangeResult.message}`;
  }
  await recordAudit(ctx.db, {
    actor: actorOf(ctx),
    action: "jobdefs.wizard",
    target: `module:${input.association.key}`,
    after: { bundle: input.bundle, image: input.image, jobDefinition: ref, tokens: input.tokens, association: input.association },
    diff: result.diff,
    reason,
  });
  return { ok: true, message, jobDefinitionRef: ref, registered, diff: result.diff, rangeDiff, testModule };
}
