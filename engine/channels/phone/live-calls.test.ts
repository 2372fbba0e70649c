import { describe, expect, it } from "vitest";
import { createLiveCalls } from "./live-calls";

const spoken = (messageId: string) => ({ messageId, text: messageId, buttons: [] });

describe("live calls: where a send to a caller on the line goes", () => {
  it("hands a send to the address's call once, however often the outbox repeats it", async () => {
    const calls = createLiveCalls();
    expect(calls.hand("+1555", spoken("m1"))).toBeNull(); // no call: the adapter places one
    calls.begin("CA1", "+1555");
    expect(calls.hand("+1555", spoken("m1"))).toBe("CA1");
    expect(calls.hand("+1555", spoken("m1"))).toBe("CA1");
    expect(await calls.collect("CA1", ["m1"], 10)).toEqual({ said: [spoken("m1")], missing: false });
    calls.hand("+1555", spoken("m1")); // a retry after it was spoken
    expect(await calls.collect("CA1", [], 10)).toEqual({ said: [], missing: false });
  });

  it("waits for what the step queued, and stops waiting when the call ends", async () => {
    const calls = createLiveCalls();
    calls.begin("CA1", "+1555");
    const collecting = calls.collect("CA1", ["m1", "m2"], 5000);
    calls.hand("+1555", spoken("m2"));
    calls.end("CA1");
    expect(await collecting).toEqual({ said: [spoken("m2")], missing: true });
    expect(calls.hand("+1555", spoken("m3"))).toBeNull();
  });

  it("takes a call Twilio stopped asking about as over (a number without a status callback)", () => {
    let now = 0;
    const calls = createLiveCalls(() => now);
    calls.begin("CA1", "+1555");
    now = 119_000;
    expect(calls.hand("+1555", spoken("m1"))).toBe("CA1");
    calls.begin("CA1", "+1555"); // Twilio asks again: still live
    now = 119_000 + 121_000;
    expect(calls.hand("+1555", spoken("m2"))).toBeNull();
    expect(calls.live()).toEqual([]);
  });
});
