// Badge: a small status label (ok, warn, err, info or neutral).
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "ok" | "warn" | "err" | "info";

export function Badge({ tone = "neutral", children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span className={tone === "neutral" ? "badge" : `badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
