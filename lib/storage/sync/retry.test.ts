import { describe, expect, it } from "vitest";
import { StorageError } from "../errors";
import { withRetry } from "./retry";

describe("withRetry", () => {
  it("retries throttling and network errors with backoff, then succeeds", async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw new StorageError("throttled", "SlowDown");
        if (calls === 2) throw new StorageError("network", "ECONNRESET");
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("does not retry fatal errors, and gives up after the last attempt", async () => {
    let calls = 0;
    await expect(withRetry(async () => (calls++, Promise.reject(new StorageError("no-such-bucket", "gone"))), { baseDelayMs: 1 })).rejects.toThrow("gone");
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(async () => (calls++, Promise.reject(new StorageError("throttled", "busy"))), { attempts: 3, baseDelayMs: 1 })).rejects.toThrow("busy");
    expect(calls).toBe(3);
  });

  it("stops waiting when cancelled", async () => {
    const controller = new AbortController();
    const pending = withRetry(async () => Promise.reject(new StorageError("throttled", "busy")), { baseDelayMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: "aborted" });
  });
});
