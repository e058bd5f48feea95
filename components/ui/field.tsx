// Field: a label, its control, a hint and the errors for one form input (linked through ids for screen readers).
import { useId, type ReactNode } from "react";

export function Field({ label, hint, errors, children }: { label: string; hint?: ReactNode; errors?: string[]; children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors?.length ? true : undefined })}
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {errors?.length ? (
        <span id={errorId} className="error" role="alert">
          {errors.join(" ")}
        </span>
      ) : null}
    </div>
  );
}
