import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createShutdown } from "./shutdown";

const never = () => new Promise<void>(() => {});

describe("the server's shutdown", () => {
  let exits: number[];
  let lines: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    exits = [];
    lines = [];
  });
  afterEach(() => vi.useRealTimers());
  const shutdown = (close: () => Promise<void>) =>
    createShutdown({ close, exit: (code) => exits.push(code), log: (line) => lines.push(line), now: Date.now, deadlineMs: 10_000 });

  it("closes once and exits 0 when closing is done", async () => {
    const close = vi.fn(async () => {});
    const signal = shutdown(close);
    signal("SIGTERM");
    signal("SIGINT"); // npm start passes the same Ctrl-C on
    await vi.advanceTimersByTimeAsync(0);
    expect(close).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([0]);
  });

  it("exits 1 when closing hangs past the deadline, saying nothing accepted is lost", async () => {
    const signal = shutdown(never);
    signal("SIGTERM");
    await vi.advanceTimersByTimeAsync(9_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatch(/not done after 10 s: exiting now\. Every accepted event is on disk/);
  });

  it("a second Ctrl-C stops at once; the same keypress passed on by npm start does not", async () => {
    const signal = shutdown(never);
    signal("SIGINT");
    await vi.advanceTimersByTimeAsync(50);
    signal("SIGINT");
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1500);
    signal("SIGINT");
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatch(/^SIGINT again while shutting down: exiting now/);
  });

  it("exits 1 and says why when closing fails", async () => {
    const signal = shutdown(async () => {
      throw new Error("disk gone");
    });
    signal("SIGTERM");
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toBe("Shutdown failed: disk gone");
  });
});
