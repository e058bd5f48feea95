// One call for callers that do not need the plan on its own: plan, then run.
import { planSync, summarizePlan } from "./plan";
import { runSync, type RunSyncOptions } from "./run";
import type { SyncLocation, SyncOptions, SyncResult, SyncPlanSummary } from "./types";

export async function sync(
  src: SyncLocation,
  dst: SyncLocation,
  options: SyncOptions & RunSyncOptions & { dryRun?: boolean } = {},
): Promise<{ plan: SyncPlanSummary; result: SyncResult | null }> {
  const plan = await planSync(src, dst, options, { signal: options.signal });
  const summary = summarizePlan(plan);
  if (options.dryRun) {
    await plan.dispose();
    return { plan: summary, result: null };
  }
  return { plan: summary, result: await runSync(plan, options) };
}
