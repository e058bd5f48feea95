// Data access for release channels: candidate/production pins per module or bundle, a test job on the candidate
// (the config with the candidate applied, not saved), promotion only after that test passed, one-click rollback.
// Promote and rollback write the exact config keys through saveConfig (validated, conflict-checked, audited).
import "server-only";
import path from "node:path";
import { recordAudit } from "../audit/record-audit";
import { assertCan } from "../auth/roles";
import { parseConfig } from "../config/parse";
import { ConfigFileError, checkForSave, readConfigFile, saveConfig, type SaveResult } from "../config/store";
import type { Diagnostic } from "../config/types";
import { env } from "../env";
import { applyPin, imageStatus, parsePinTarget, readSectionValues, restoreSectionValues, type ImageStatus, type PinValues } from "../environments/pins";
import { ActionError } from "../errors";
import { PlanError, SubmitError, submitTestJob } from "../executors/submit-test-job";
import { openJobDefinitionRegistry } from "../jobdefs/open-registry";
import { parseJobDefinitionRef } from "../jobdefs/registry";
import { parseManifest, type Manifest } from "../modules/manifest";
import type { DataContext } from "./context";

const actorOf = (ctx: DataContext) => ({ id: ctx.user.id, username: ctx.user.username });

export type PassingTest = { id: number; moduleName: string; stoppedAt: Date | null };

export type PinView = {
  id: number;
  environment: string;
  target: string;
  jobDefinition: string;
  image: string | null;
  imageStatus: ImageStatus | null;
  createdBy: string;
  createdAt: Date;
  canRollback: boolean;
  previous: StoredPrevious | null;
  /** candidate pins: the newest SUCCEEDED test job of the module on this exact job-definition revision. */
  passingTest: PassingTest | null;
  /** What the config's own section says now. */
  config: PinValues | null;
};

export type EnvironmentView = { id: number; name: string; pins: PinView[] };

/** Stored in Pin.previous: the production pin it replaced (if any) and the config section values before the promote. */
type StoredPrevious = { pin: { jobDefinition: string; image: string | null; imageDigest: string | null; createdBy: string } | null; config: PinValues };

function parsePrevious(text: string | null): StoredPrevious | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as StoredPrevious;
  } catch {
    return null;
  }
}

async function readConfig(): Promise<{ text: string; hash: string } | null> {
  try {
    const { text, hash } = await readConfigFile(env().configPath);
    return { text, hash };
  } catch (error) {
    if (error instanceof ConfigFileError) return null;
    throw error;
  }
}

async function passingTest(ctx: DataContext, target: string, jobDefinition: string): Promise<PassingTest | null> {
  const t = parsePinTarget(target);
  const job = await ctx.db.testJob.findFirst({
    where: { state: "SUCCEEDED", jobDefinition, ...(t.kind === "module" ? { moduleName: t.name } : {}) },
    orderBy: { id: "desc" },
    select: { id: true, moduleName: true, stoppedAt: true },
  });
  return job;
}

export async function getEnvironments(ctx: DataContext): Promise<{ environments: EnvironmentView[]; configError: string | null }> {
  assertCan(ctx.user, "read");
  const [envs, config] = await Promise.all([
    ctx.db.environment.findMany({ orderBy: { id: "asc" }, include: { pins: { orderBy: { target: "asc" } } } }),
    readConfig(),
  ]);
  const cfg = config ? parseConfig(config.text, { fileName: path.basename(env().configPath) }) : null;
  const environments: EnvironmentView[] = [];
  for (const e of envs) {
    const pins: PinView[] = [];
    for (const p of e.pins) {
      const previous = parsePrevious(p.previous);
      pins.push({
        id: p.id,
        environment: e.name,
        target: p.target,
        jobDefinition: p.jobDefinition,
        image: p.image,
        imageStatus: p.image ? imageStatus(p.image) : null,
        createdBy: p.createdBy,
        createdAt: p.createdAt,
        previous,
        canRollback: e.name === "production" && previous !== null,
        passingTest: e.name === "candidate" ? await passingTest(ctx, p.target, p.jobDefinition) : null,
        config: cfg?.model ? readSectionValues(cfg, p.target) : null,
      });
    }
    environments.push({ id: e.id, name: e.name, pins });
  }
  return { environments, configError: config ? null : `The config file ${env().configPath} could not be read` };
}

async function requireActiveRevision(ctx: DataContext, ref: string): Promise<void> {
  let parsed: { name: string; revision: number | null };
  try {
    parsed = parseJobDefinitionRef(ref);
  } catch (error) {
    throw new ActionError("invalid", (error as Error).message, { jobDefinition: [(error as Error).message] });
  }
  if (parsed.revision === null) throw new ActionError("invalid", "Pin an exact revision (name:revision)", { jobDefinition: ["Use name:revision"] });
  const found = await openJobDefinitionRegistry(ctx.db).describe(ref);
  if (!found) throw new ActionError("not_found", `Job definition ${ref} does not exist`, { jobDefinition: ["Not registered"] });
  if (found.status !== "ACTIVE") throw new ActionError("conflict", `Job definition ${ref} is INACTIVE; pin an ACTIVE revision`, { jobDefinition: ["INACTIVE"] });
}

export type PinInput = { environment: string; target: string; jobDefinition: string; image?: string | null; reason: string };

/** Pins a target in a channel (candidate typically). Writes no config: production changes only by promotion. */
export async function setPin(ctx: DataContext, input: PinInput): Promise<PinView["id"]> {
  assertCan(ctx.user, "environments.write");
  parsePinTarget(input.target);
  await requireActiveRevision(ctx, input.jobDefinition);
  const environment = await ctx.db.environment.findUnique({ where: { name: input.environment } });
  if (!environment) throw new ActionError("not_found", `No environment named ${input.environment}`);
  if (environment.name === "production") throw new ActionError("invalid", "Production changes only by promoting a tested candidate");
  const image = input.image?.trim() || null;
  const prior = await ctx.db.pin.findUnique({ where: { environmentId_target: { environmentId: environment.id, target: input.target } } });
  const pin = await ctx.db.pin.upsert({
    where: { environmentId_target: { environmentId: environment.id, target: input.target } },
    create: { environmentId: environment.id, target: input.target, jobDefinition: input.jobDefinition, image, imageDigest: image ? imageStatus(image).digest : null, createdBy: ctx.user.username },
    update: { jobDefinition: input.jobDefinition, image, imageDigest: image ? imageStatus(image).digest : null, createdBy: ctx.user.username, createdAt: new Date() },
  });
  await recordAudit(ctx.db, {
    actor: actorOf(ctx),
    action: "environments.pin",
    target: `environment:${environment.name}/${input.target}`,
    before: prior ? { jobDefinition: prior.jobDefinition, image: prior.image } : undefined,
    after: { jobDefinition: input.jobDefinition, image },
    reason: input.reason,
  });
  return pin.id;
}

export async function removePin(ctx: DataContext, input: { environment: string; target: string; reason: string }): Promise<void> {
  assertCan(ctx.user, "environments.write");
  const environment = await ctx.db.environment.findUnique({ where: { name: input.environment } });
  if (!environment) throw new ActionError("not_found", `No environment named ${input.environment}`);
  if (environment.name === "production") throw new ActionError("invalid", "Roll back production instead of removing its pin");
  const prior = await ctx.db.pin.findUnique({ where: { environmentId_target: { environmentId: environment.id, target: input.target } } });
  if (!prior) return;
  await ctx.db.pin.delete({ where: { id: prior.id } });
  await recordAudit(ctx.db, { actor: actorOf(ctx), action: "environments.unpin", target: `environment:${environment.name}/${input.target}`, before: { jobDefinition: prior.jobDefinition, image: prior.image }, reason: input.reason });
}

async function candidatePin(ctx: DataContext, target: string) {
  const pin = await ctx.db.pin.findFirst({ where: { target, environment: { name: "candidate" } } });
  if (!pin) throw new ActionError("not_found", `${target} has no candidate pin`);
  return pin;
}

/** Runs the module's test job with the candidate applied to the config (in memory; the file is not changed). */
export async function runCandidateTest(ctx: DataContext, input: { target: string; module: string; userId: string; inputPath?: string | null }): Promise<{ jobId: number }> {
  assertCan(ctx.user, "jobs.submit");
  const pin = await candidatePin(ctx, input.target);
  const config = await readConfig();
  if (!config) throw new ActionError("not_found", `The config file ${env().configPath} could not be read`);
  const configText = applyPin(config.text, input.target, { jobDefinition: pin.jobDefinition, image: pin.image });
  try {
    const result = await submitTestJob(
      ctx.db,
      { module: input.module, userId: input.userId, params: {}, inputs: input.inputPath ? [{ path: input.inputPath }] : [] },
      { actor: actorOf(ctx), configText },
    );
    await recordAudit(ctx.db, {
      actor: actorOf(ctx),
      action: "environments.test",
      target: `environment:candidate/${input.target}`,
      after: { jobId: result.jobId, module: input.module, jobDefinition: pin.jobDefinition, image: pin.image },
    });
    return { jobId: result.jobId };
  } catch (error) {
    if (error instanceof PlanError) throw new ActionError(error.code, error.message, error.fieldErrors);
    if (error instanceof SubmitError) throw new ActionError("submit_failed", error.jobId ? `Test job ${error.jobId} failed to start: ${error.message}` : error.message);
    throw error;
  }
}

/** Validation options for config writes: catalog manifests (token checks) and known job-definition names. */
export async function configValidateOptions(ctx: DataContext) {
  const [versions, local, snaps] = await Promise.all([
    ctx.db.moduleVersion.findMany({ select: { manifest: true } }),
    ctx.db.localJobDefinition.findMany({ select: { name: true }, distinct: ["name"] }),
    ctx.db.jobDefinitionSnapshot.findMany({ select: { name: true }, distinct: ["name"] }),
  ]);
  const manifests: Manifest[] = [];
  for (const v of versions) {
    try {
      manifests.push(parseManifest(v.manifest));
    } catch {
      // A broken manifest is the modules page's to report.
    }
  }
  const jobDefinitionNames = [...new Set([...local, ...snaps].map((j) => j.name))];
  return { manifests, ...(jobDefinitionNames.length ? { jobDefinitionNames } : {}) };
}

export type ConfigWriteOutcome =
  | { ok: true; diff: string; warnings: Diagnostic[] }
  | { ok: false; code: string; message: string; diagnostics?: Diagnostic[] };

/**
 * The warnings in `afterWarnings` that the file `before` did not have: only those need the user's confirm, so
 * warnings the file already had (elsewhere) do not block an unrelated edit. Compared by code and message, since
 * line numbers shift.
 */
export function introducedWarnings(before: string, afterWarnings: Diagnostic[], validate: Parameters<typeof checkForSave>[2]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.code}\u0000${d.message}`;
  const old = new Set(checkForSave(before, "config_custom.yaml", validate).warnings.map(key));
  return afterWarnings.filter((d) => !old.has(key(d)));
}

export function onlyPreexistingWarnings(before: string, after: string, validate: Parameters<typeof checkForSave>[2]): boolean {
  return introducedWarnings(before, checkForSave(after, "config_custom.yaml", validate).warnings, validate).length === 0;
}

/**
 * Saves an edit of the config file as read (`config`), validated against the catalog; warnings the file already
 * had need no confirm. Validation options are loaded once, since each load queries three tables.
 */
export async function saveConfigEdit(
  ctx: DataContext,
  config: { text: string; hash: string },
  text: string,
  opts: { reason: string; confirmWarnings?: boolean; action: string },
): Promise<SaveResult> {
  const validate = await configValidateOptions(ctx);
  return saveConfig({
    db: ctx.db,
    path: env().configPath,
    text,
    baseHash: config.hash,
    actor: actorOf(ctx),
    reason: opts.reason,
    confirmWarnings: opts.confirmWarnings || onlyPreexistingWarnings(config.text, text, validate),
    validate,
    action: opts.action,
  });
}

function outcomeOf(result: SaveResult): ConfigWriteOutcome {
  if (result.ok) return { ok: true, diff: result.diff, warnings: result.warnings };
  return { ok: false, code: result.code, message: result.message, ...("diagnostics" in result ? { diagnostics: result.diagnostics } : {}) };
}

/** Promotes the candidate pin of `target` to production; refused unless a test job passed on that exact revision. */
export async function promoteCandidate(ctx: DataContext, input: { target: string; reason: string; confirmWarnings?: boolean }): Promise<ConfigWriteOutcome> {
  assertCan(ctx.user, "environments.write");
  const pin = await candidatePin(ctx, input.target);
  const passed = await passingTest(ctx, pin.target, pin.jobDefinition);
  if (!passed) {
    throw new ActionError("untested", `No test job of ${pin.target} has SUCCEEDED on ${pin.jobDefinition} yet: run the candidate's test job first`);
  }
  await requireActiveRevision(ctx, pin.jobDefinition);
  const production = await ctx.db.environment.upsert({ where: { name: "production" }, create: { name: "production" }, update: {} });
  const config = await readConfig();
  if (!config) throw new ActionError("not_found", `The config file ${env().configPath} could not be read`);
  const before = readSectionValues(parseConfig(config.text), pin.target);
  const text = applyPin(config.text, pin.target, { jobDefinition: pin.jobDefinition, image: pin.image });
  const reason = `${input.reason} (promote ${pin.target} to ${pin.jobDefinition}, test job ${passed.id})`;
  const result = await saveConfigEdit(ctx, config, text, { reason, confirmWarnings: input.confirmWarnings, action: "environments.promote.config" });
  if (!result.ok) return outcomeOf(result);
  const prior = await ctx.db.pin.findUnique({ where: { environmentId_target: { environmentId: production.id, target: pin.target } } });
  const previous: StoredPrevious = {
    pin: prior ? { jobDefinition: prior.jobDefinition, image: prior.image, imageDigest: prior.imageDigest, createdBy: prior.createdBy } : null,
    config: before,
  };
  const data = { jobDefinition: pin.jobDefinition, image: pin.image, imageDigest: pin.imageDigest, createdBy: ctx.user.username, previous: JSON.stringify(previous) };
  await ctx.db.pin.upsert({
    where: { environmentId_target: { environmentId: production.id, target: pin.target } },
    create: { environmentId: production.id, target: pin.target, ...data },
    update: { ...data, createdAt: new Date() },
  });
  await recordAudit(ctx.db, {
    actor: actorOf(ctx),
    action: "environments.promote",
    target: `environment:production/${pin.target}`,
    before: previous,
    after: { jobDefinition: pin.jobDefinition, image: pin.image, testJob: passed.id },
    diff: result.diff,
    reason: input.reason,
  });
  return outcomeOf(result);
}

/** Puts production back to what it was before the last promotion: the config section values and the old pin. */
export async function rollbackProduction(ctx: DataContext, input: { target: string; reason: string; confirmWarnings?: boolean }): Promise<ConfigWriteOutcome> {
  assertCan(ctx.user, "environments.write");
  const pin = await ctx.db.pin.findFirst({ where: { target: input.target, environment: { name: "production" } } });
  const previous = parsePrevious(pin?.previous ?? null);
  if (!pin || !previous) throw new ActionError("not_found", `${input.target} has no production promotion to roll back`);
  const config = await readConfig();
  if (!config) throw new ActionError("not_found", `The config file ${env().configPath} could not be read`);
  const text = restoreSectionValues(config.text, pin.target, previous.config);
  const result = await saveConfigEdit(ctx, config, text, {
    reason: `${input.reason} (roll back ${pin.target} from ${pin.jobDefinition})`,
    confirmWarnings: input.confirmWarnings,
    action: "environments.rollback.config",
  });
  if (!result.ok) return outcomeOf(result);
  if (previous.pin) {
    await ctx.db.pin.update({ where: { id: pin.id }, data: { ...previous.pin, previous: null, createdAt: new Date() } });
  } else {
    await ctx.db.pin.delete({ where: { id: pin.id } });
  }
  await recordAudit(ctx.db, {
    actor: actorOf(ctx),
    action: "environments.rollback",
    target: `environment:production/${pin.target}`,
    before: { jobDefinition: pin.jobDefinition, image: pin.image },
    after: previous,
    diff: result.diff,
    reason: input.reason,
  });
  return outcomeOf(result);
}

export type PinChoices = { modules: string[]; bundles: string[]; jobDefinitions: { ref: string; image: string | null }[] };

/** What the pin form offers: catalog modules, the config's bundles, ACTIVE job-definition revisions. */
export async function getPinChoices(ctx: DataContext): Promise<PinChoices> {
  assertCan(ctx.user, "read");
  const [modules, config, records] = await Promise.all([
    ctx.db.module.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    readConfig(),
    openJobDefinitionRegistry(ctx.db).list().catch(() => []),
  ]);
  const model = config ? parseConfig(config.text).model : null;
  const names = new Set(modules.map((m) => m.name));
  for (const key of model?.moduleProperties.keys() ?? []) if (!key.startsWith("urn:")) names.add(key);
  return {
    modules: [...names].sort(),
    bundles: [...(model?.executorProperties.keys() ?? [])],
    jobDefinitions: records
      .filter((r) => r.status === "ACTIVE")
      .sort((a, b) => (a.name === b.name ? b.revision - a.revision : a.name.localeCompare(b.name)))
      .map((r) => ({ ref: `${r.name}:${r.revision}`, image: ((r.definition.containerProperties as { image?: string } | undefined)?.image ?? null) as string | null })),
  };
}
