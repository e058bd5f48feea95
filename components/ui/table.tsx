// Table: the .table styling with an accessible name; pass <thead>/<tbody> as children.
import type { ReactNode } from "react";

export function Table({ label, children, caption }: { label: string; children: ReactNode; caption?: ReactNode }) {
  return (
    <table className="table" aria-label={label}>
      {caption ? <caption className="muted small">{caption}</caption> : null}
      {children}
    </table>
  );
}
