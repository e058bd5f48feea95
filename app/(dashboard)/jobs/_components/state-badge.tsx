// A job state as a coloured badge.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = {
  SUCCEEDED: "ok",
  FAILED: "err",
  RUNNING: "info",
  STARTING: "info",
  RUNNABLE: "warn",
  PENDING: "warn",
  SUBMITTED: "warn",
  STAGING: "neutral",
};

export function StateBadge({ state }: { state: string }) {
  return <Badge tone={TONES[state] ?? "neutral"}>{state}</Badge>;
}
