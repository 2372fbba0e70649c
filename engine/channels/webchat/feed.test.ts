import { describe, expect, it } from "vitest";
import { advanceFeed, FEED_START, type FeedCursor, feedCursorSchema, type FeedRow, formatCursor, MAX_SEEN } from "./feed";

const row = (id: string, direction: "in" | "out", status: string, extra: Partial<FeedRow> = {}): FeedRow => ({
  id,
  direction,
  author: direction === "in" ? "customer" : "bot",
  text: `text ${id}`,
  buttons: null,
  status,
  providerId: direction === "in" ? `client-${id}` : null,
  createdAt: "2026-12-02T10:00:00.000Z",
  ...extra,
});
const past = (rows: FeedRow[], c: FeedCursor) => rows.filter((r) => r.id > c.after);
const ids = (r: ReturnType<typeof advanceFeed>) => r.events.map((e) => e.message.id);

describe("the widget's feed cursor", () => {
  it("shows the visitor's messages and delivered replies in order, each event's cursor covering it", () => {
    const rows = [row("a1", "in", "received"), row("a2", "out", "sent", { buttons: '["Yes","No"]' }), row("a3", "out", "failed")];
    const r = advanceFeed(rows, FEED_START);
    expect(ids(r)).toEqual(["a1", "a2"]);
    expect(r.events[0].message).toMatchObject({ author: "customer", clientMessageId: "client-a1", buttons: [] });
    expect(r.events[1].message).toMatchObject({ author: "bot", clientMessageId: null, buttons: ["Yes", "No"] });
    expect(r.events.map((e) => formatCursor(e.cursor))).toEqual(["a1", "a2"]);
    // The failed reply is settled too: nothing holds the cursor back.
    expect(r.cursor).toEqual({ after: "a3", seen: [] });
    expect(r.typing).toBe(false);
  });

  it("a reply queued before the visitor's next message is replayed once delivered, and nothing is shown twice", () => {
    const rows = [row("b1", "in", "received"), row("b2", "out", "queued"), row("b3", "in", "received")];
    const first = advanceFeed(rows, FEED_START);
    expect(ids(first)).toEqual(["b1", "b3"]);
    expect(first.typing).toBe(true);
    expect(first.cursor).toEqual({ after: "b1", seen: ["b3"] });
    expect(formatCursor(first.cursor)).toBe("b1~b3");

    // Disconnected; the reply is delivered meanwhile. The reconnect carries the last cursor it saw.
    rows[1] = row("b2", "out", "sent");
    const replay = advanceFeed(past(rows, first.cursor), feedCursorSchema.parse(formatCursor(first.cursor)));
    expect(ids(replay)).toEqual(["b2"]);
    expect(replay.cursor).toEqual({ after: "b3", seen: [] });
    expect(replay.typing).toBe(false);
    expect(ids(advanceFeed(past(rows, replay.cursor), replay.cursor))).toEqual([]);
  });

  it("replays from any event's cursor exactly the events after it", () => {
    const rows = [row("c1", "in", "received"), row("c2", "out", "queued"), row("c3", "in", "received"), row("c4", "out", "sent")];
    const all = advanceFeed(rows, FEED_START);
    rows[1] = row("c2", "out", "delivered");
    for (const [i, event] of all.events.entries()) {
      const missed = all.events.slice(i + 1).map((e) => e.message.id);
      expect(ids(advanceFeed(past(rows, event.cursor), event.cursor))).toEqual([...missed, "c2"].sort());
    }
  });

  it("keeps `seen` bounded while a message stays pending", () => {
    const rows = [row("d0", "out", "queued"), ...Array.from({ length: MAX_SEEN + 5 }, (_, i) => row(`d${String(i + 1).padStart(3, "0")}`, "in", "received"))];
    expect(advanceFeed(rows, FEED_START).cursor.seen).toHaveLength(MAX_SEEN);
  });

  it("refuses a cursor it did not give out, naming the problem", () => {
    for (const bad of [
      "",
      "a b",
      "x~" +
        Array(MAX_SEEN + 1)
          .fill("y")
          .join(","),
      "<script>",
      "a~b~c,d!",
    ]) {
      const parsed = feedCursorSchema.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
    }
    expect(feedCursorSchema.parse("0190~0191,0192")).toEqual({ after: "0190", seen: ["0191", "0192"] });
  });
});
