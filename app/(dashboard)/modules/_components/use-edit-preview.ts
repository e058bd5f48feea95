"use client";
// State of a "preview, then save" config edit form: the pending preview request, its field errors and the outcome
// messages. Shared by the mapping form and the range rule form, whose previews differ only in the action called.
import { useState } from "react";
import type { ActionResult } from "@/lib/errors";

type FieldErrors = Record<string, string[]> | undefined;

export function useEditPreview<P>(mapFieldErrors: (fieldErrors: FieldErrors) => FieldErrors = (e) => e) {
  const [preview, setPreview] = useState<P | null>(null);
  const [errors, setErrors] = useState<FieldErrors>();
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function runPreview(request: () => Promise<ActionResult<P>>) {
    setPending(true);
    setMessage(null);
    setSaved(null);
    setPreview(null);
    try {
      const result = await request();
      if (result.ok) {
        setPreview(result.data);
        setErrors(undefined);
      } else {
        setErrors(mapFieldErrors(result.fieldErrors));
        setMessage(result.message);
      }
    } finally {
      setPending(false);
    }
  }

  return { preview, setPreview, errors, message, saved, setSaved, pending, runPreview };
}
