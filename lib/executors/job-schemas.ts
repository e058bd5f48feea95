// Input schemas of the test-job actions, shared by the submit form and the server actions.
import { z } from "zod";

export const testJobRequestSchema = z.object({
  module: z.string().trim().min(1, "Pick a module"),
  version: z.string().trim().min(1).optional(),
  userId: z.string().trim().min(1, "Give the GP user the job runs as"),
  params: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  inputs: z.array(z.object({ param: z.string().optional(), path: z.string().min(1) })).optional(),
  executor: z.enum(["local", "aws"]).optional(),
});

export const submitJobSchema = z.object({ request: testJobRequestSchema, idempotencyKey: z.string().min(8) });
export const jobIdSchema = z.object({ id: z.number().int().positive() });
export const resubmitJobSchema = jobIdSchema.extend({ idempotencyKey: z.string().min(8) });

export type TestJobRequestInput = z.infer<typeof testJobRequestSchema>;
