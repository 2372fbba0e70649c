import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { createDurableFence, newFenceBuffer } from "./durable-fence";

describe("the durable fence", () => {
  it("stands at the oldest row of any writer's commits not yet flushed, and opens once all are", () => {
    const buffer = newFenceBuffer();
    const [engine, thread] = [createDurableFence(buffer, 0), createDurableFence(buffer, 1)];
    expect(engine.before()).toBe(Number.POSITIVE_INFINITY);
    const first = thread.hold(1_000);
    const second = thread.hold(1_005);
    const own = engine.hold(1_002);
    expect(engine.before()).toBe(1_000); // every writer reads every slot
    thread.release(first);
    expect(thread.before()).toBe(1_002);
    engine.release(own);
    expect(engine.before()).toBe(1_005);
    thread.release(second);
    thread.release(second); // a second release changes nothing
    expect(engine.before()).toBe(Number.POSITIVE_INFINITY);
  });

  it("is seen across threads at once: a hold set on another thread is read here without a message", async () => {
    const buffer = newFenceBuffer();
    const reader = createDurableFence(buffer, 0);
    // The worker stores slot 1 as the fence does (BigInt64, Atomics), then waits to be told to go.
    const worker = new Worker(
      `const { workerData } = require("node:worker_threads");
       const slots = new BigInt64Array(workerData.buffer);
       Atomics.store(slots, 1, 1234n);
       Atomics.store(slots, 0, slots[0]);`,
      { eval: true, workerData: { buffer } },
    );
    await new Promise((resolve) => worker.once("exit", resolve));
    expect(reader.before()).toBe(1234);
  });

  it("refuses a slot outside its buffer", () => {
    expect(() => createDurableFence(newFenceBuffer(), 2)).toThrow("a durable fence needs its shared buffer and a slot in it");
  });
});
