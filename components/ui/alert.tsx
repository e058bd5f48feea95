// Alert: a message box; errors are announced to screen readers.
import type { ReactNode } from "react";

export function Alert({ tone = "info", children, title }: { tone?: "ok" | "warn" | "err" | "info"; children: ReactNode; title?: string }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "err" ? "alert" : "status"}>
      {title ? <strong>{title} </strong> : null}
      {children}
    </div>
  );
}
