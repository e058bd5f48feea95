// Button: the .btn classes with variants; a pending state that disables and says so.
import type { ButtonHTMLAttributes } from "react";

type Variant = "default" | "primary" | "danger";

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: "normal" | "small";
  pending?: boolean;
};

export function Button({ variant = "default", size = "normal", pending = false, className, disabled, children, type = "button", ...rest }: ButtonProps) {
  const classes = ["btn", variant === "primary" && "btn-primary", variant === "danger" && "btn-danger", size === "small" && "btn-small", className]
    .filter(Boolean)
    .join(" ");
  return (
    <button type={type} className={classes} disabled={disabled || pending} aria-busy={pending || undefined} {...rest}>
      {children}
    </button>
  );
}
