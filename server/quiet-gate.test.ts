import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { createQuietGate } from "./quiet-gate";

const response = () => new EventEmitter() as unknown as ServerResponse;
const settled = (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  return () => done;
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the machine routes' quiet gate (Next loads after it)", () => {
  it("waits while a webhook is in flight, then for the quiet time after the last one ends", async () => {
    const gate = createQuietGate();
    const res = response();
    gate.track(res);
    const quiet = settled(gate.quiet(40, 5000));
    await wait(80);
    expect(quiet()).toBe(false); // still answering the webhook
    res.emit("close");
    await wait(15);
    expect(quiet()).toBe(false); // the quiet time has not passed
    await wait(80);
    expect(quiet()).toBe(true);
  });

  it("gives up waiting after the longest wait, whatever the traffic", async () => {
    const gate = createQuietGate();
    gate.track(response()); // a stream that never closes
    const quiet = settled(gate.quiet(10, 60));
    await wait(120);
    expect(quiet()).toBe(true);
  });
});
