// Input schemas of the job-definition actions, shared by the forms and the server actions.
import { z } from "zod";

const reason = z.string().trim().min(1, "Give a one-line reason").max(500);
const ref = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*:\d+$/, "Use name:revision");

export const previewRegistrationSchema = z.object({ text: z.string().max(1_000_000), baseRef: ref.nullish() });
export const registerJobDefinitionSchema = z.object({ text: z.string().max(1_000_000), baseRef: ref.nullish(), reason });
export const deregisterJobDefinitionSchema = z.object({ ref, reason });
export const cleanupJobDefinitionSchema = z.object({ name: z.string().min(1), keep: z.coerce.number().int().min(1).max(1000), reason: z.string().trim().max(500).optional() });
export const restoreSnapshotSchema = z.object({ snapshotId: z.coerce.number().int().positive(), reason });
export const restoreBackupSchema = z.object({ text: z.string().max(20_000_000), reason });
