// Input schemas of the environment actions, shared by the forms and the server actions.
import { z } from "zod";

const reason = z.string().trim().min(1, "Give a one-line reason").max(500);
const target = z.string().trim().min(1, "Choose a module or bundle:<name>").max(300);

export const setPinSchema = z.object({
  environment: z.string().min(1).default("candidate"),
  target,
  jobDefinition: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*:\d+$/, "Use name:revision"),
  image: z.string().trim().max(500).optional(),
  reason,
});
export const removePinSchema = z.object({ environment: z.string().min(1), target, reason });
export const runCandidateTestSchema = z.object({
  target,
  module: z.string().trim().min(1, "Which module runs the test"),
  userId: z.string().trim().min(1, "The GP user the job runs as"),
  inputPath: z.string().trim().optional(),
});
export const promoteSchema = z.object({ target, reason, confirmWarnings: z.boolean().optional() });
