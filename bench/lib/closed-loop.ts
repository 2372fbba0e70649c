/**
 * `inFlight` closed-loop senders share `cycles` cycles of `slots` sends: each sender takes the next
 * cycle and runs its slots in order (so a follow-up comes after its opener), awaiting each send.
 * Latency is submit → the send's promise resolved; returned sorted ascending.
 */
export async function closedLoop(inFlight: number, cycles: number, slots: number, send: (cycle: number, slot: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const sender = async () => {
    for (let cycle = next++; cycle < cycles; cycle = next++) {
      for (let slot = 0; slot < slots; slot++) {
        const sent = performance.now();
        await send(cycle, slot);
        latencies.push(performance.now() - sent);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, sender));
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}
