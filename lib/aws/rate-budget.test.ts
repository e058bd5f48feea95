import { describe, expect, it } from "vitest";
import { backoffDelay, bucketForCommand, isThrottlingError, RateBudget, TokenBucket, type Clock } from "./rate-budget";

function fakeClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; } };
}

describe("TokenBucket", () => {
  it("serves the burst at once and then paces to the rate", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ ratePerSec: 50, burst: 50 }, clock);
    for (let i = 0; i < 50; i++) await bucket.take();
    expect(clock.now()).toBe(0);
    for (let i = 0; i < 50; i++) await bucket.take();
    // 50 more tokens at 50/s take one second.
    expect(clock.now()).toBeGreaterThanOrEqual(1000);
    expect(clock.now()).toBeLessThan(1100);
  });
});

describe("RateBudget.run", () => {
  it("retries throttling errors with backoff, then succeeds", async () => {
    const clock = fakeClock();
    const budget = new RateBudget(undefined, clock);
    let calls = 0;
    const result = await budget.run("batch", async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error("Rate exceeded"), { name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } });
      return "ok";
    }, { random: () => 1 });
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([200, 400]);
  });

  it("does not retry client errors", async () => {
    const budget = new RateBudget(undefined, fakeClock());
    let calls = 0;
    await expect(budget.run("submit", async () => {
      calls++;
      throw Object.assign(new Error("JobQueue nope not found"), { name: "ClientException", $metadata: { httpStatusCode: 400 } });
    })).rejects.toThrow("JobQueue nope not found");
    expect(calls).toBe(1);
  });

  it("gives up after maxAttempts", async () => {
    const budget = new RateBudget(undefined, fakeClock());
    let calls = 0;
    await expect(budget.run("logs", async () => {
      calls++;
      throw Object.assign(new Error("slow down"), { name: "ThrottlingException" });
    }, { maxAttempts: 4 })).rejects.toThrow("slow down");
    expect(calls).toBe(4);
  });
});

describe("helpers", () => {
  it("classifies throttling errors", () => {
    expect(isThrottlingError({ name: "ThrottlingException" })).toBe(true);
    expect(isThrottlingError({ $retryable: { throttling: true } })).toBe(true);
    expect(isThrottlingError({ name: "ClientException", $metadata: { httpStatusCode: 400 } })).toBe(false);
  });
  it("caps the jittered backoff", () => {
    expect(backoffDelay(20, { random: () => 0.999999, maxDelayMs: 5000 })).toBeLessThanOrEqual(5000);
    expect(backoffDelay(0, { random: () => 0 })).toBe(0);
  });
  it("routes SubmitJob to its own bucket", () => {
    expect(bucketForCommand("batch", "SubmitJobCommand")).toBe("submit");
    expect(bucketForCommand("batch", "DescribeJobsCommand")).toBe("batch");
    expect(bucketForCommand("logs", "GetLogEventsCommand")).toBe("logs");
  });
});
