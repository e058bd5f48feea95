// Expected failures of actions and the data layer: returned to the caller as { ok: false, code, message }.
// Anything thrown that is not an ActionError is a bug and reaches error.tsx.

export type ActionErrorCode = "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | (string & {});

export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export type ActionFailure = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;
