import { afterEach, describe, expect, it, vi } from "vitest";
import { every } from "./background";

afterEach(() => vi.useRealTimers());

describe("a background job under its supervisor", () => {
  it("logs a run that throws or rejects and restarts after a back-off; the loop goes on", async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const log = vi.fn();
    const results = [
      () => Promise.reject(new Error("SQLITE_BUSY")),
      () => {
        throw new Error("a bug");
      },
      () => undefined,
      () => undefined,
    ];
    const stop = every("timers", 100, () => results[runs.push(Date.now()) - 1](), log).start();

    await vi.advanceTimersByTimeAsync(100); // first run: rejects
    expect(log).toHaveBeenCalledWith("timers failed (1 in a row), restarting in 200 ms:", new Error("SQLITE_BUSY"));
    await vi.advanceTimersByTimeAsync(200); // restarted after 200 ms: throws
    expect(log).toHaveBeenLastCalledWith("timers failed (2 in a row), restarting in 400 ms:", new Error("a bug"));
    await vi.advanceTimersByTimeAsync(400); // then succeeds, and the beat is back to 100 ms
    await vi.advanceTimersByTimeAsync(100);
    expect(runs.map((t) => t - runs[0])).toEqual([0, 200, 600, 700]);
    expect(log).toHaveBeenCalledTimes(2);

    stop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(4);
  });

  it("never starts a run while the previous one is still running", async () => {
    vi.useFakeTimers();
    let running = 0;
    let most = 0;
    const stop = every("dispatcher", 10, async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 35));
      running--;
    }).start();
    await vi.advanceTimersByTimeAsync(500);
    stop();
    expect(most).toBe(1);
  });
});
