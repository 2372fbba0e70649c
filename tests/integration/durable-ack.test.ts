import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seedDemo } from "../../prisma/seed";
import { chat, countRows, useTestEngine } from "../../engine/testing/test-engine";

const t = useTestEngine(({ engine }) => seedDemo(engine));
afterEach(() => vi.restoreAllMocks());

describe("an acknowledged message is on disk", () => {
  it("is acknowledged only after an fdatasync of the WAL that started once its commit was written", async () => {
    const { engine } = t;
    // What each flush of the WAL covers: the inbox rows committed when it started; `durable` grows as flushes end.
    let durable = 0;
    const fdatasync = fs.fdatasync;
    vi.spyOn(fs, "fdatasync").mockImplementation(((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      const covered = countRows(engine, "InboxMessage");
      fdatasync(fd, (error) => {
        if (!error) durable = Math.max(durable, covered);
        done(error);
      });
    }) as typeof fs.fdatasync);

    const acknowledged: number[] = [];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => engine.receive("webchat", chat(`visitor-${i}`, `m-${i}`, "hours?")).then(() => acknowledged.push(durable))),
    );
    expect(countRows(engine, "InboxMessage")).toBe(60);
    // Each acknowledgement saw a finished flush covering at least as many rows as had been acknowledged until then.
    acknowledged.forEach((covered, i) => expect([i, covered >= i + 1]).toEqual([i, true]));
    expect(vi.mocked(fs.fdatasync).mock.calls.length).toBeLessThan(60); // commits in flight share a flush
  });

  it("performs no effect of a commit until that commit is on disk, though it is already visible to readers", async () => {
    const { engine, channel } = t;
    // Every flush of the WAL waits until released: commits are written and visible, not yet durable.
    const held: (() => void)[] = [];
    const fdatasync = fs.fdatasync;
    vi.spyOn(fs, "fdatasync").mockImplementation(((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      held.push(() => fdatasync(fd, done));
    }) as typeof fs.fdatasync);

    const received = engine.receive("webchat", chat("visitor-fence", "m-1", "What are your opening hours?"));
    await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
    expect(countRows(engine, "OutboxMessage", "status = 'pending'")).toBe(2); // the greeting and the answer, committed
    // A query for due rows sees them; a power loss now would undo them, and the sender's retry would send them again.
    await engine.dispatch();
    expect(channel.texts()).toEqual([]);

    vi.mocked(fs.fdatasync).mockRestore();
    for (const flush of held.splice(0)) flush();
    await received;
    await engine.dispatch();
    expect(channel.texts()).toEqual(["Hello there, this is Omniflow support.", "We are open Monday to Friday, 9:00-18:00 CET."]);
  });
});
