/** Test kit: reads a Server-Sent Events stream with fetch, as the chat widget does. */
export type SseEvent = { id: string | null; event: string; data: string };

/** Parses complete events out of `buffer`; returns them and the unfinished rest (comments and `retry:` skipped). */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  const events: SseEvent[] = [];
  for (const block of blocks) {
    const event: SseEvent = { id: null, event: "message", data: "" };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon === 0) continue;
      const [name, value] = colon < 0 ? [line, ""] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, "")];
      if (name === "data") data.push(value);
      else if (name === "id") event.id = value;
      else if (name === "event") event.event = value;
    }
    if (data.length) events.push({ ...event, data: data.join("\n") });
  }
  return { events, rest };
}

/** Opens a stream; `until` waits (up to `timeoutMs`) for the events so far to satisfy a test, `close` hangs up. */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  let wake = () => {};
  let ended = false;
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          const parsed = parseSse(buffer + decoder.decode(chunk, { stream: true }));
          buffer = parsed.rest;
          events.push(...parsed.events);
          wake();
        }
      } catch {
        // aborted by close()
      }
      ended = true;
      wake();
    })();
  }
  return {
    response,
    events,
    /** Resolves with the events once `ready(events)` holds; rejects after `timeoutMs` with what arrived. */
    until(ready: (events: SseEvent[]) => boolean, timeoutMs = 5_000): Promise<SseEvent[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stream: condition not met; got ${JSON.stringify(events)}`)), timeoutMs);
        const check = () => {
          if (ready(events)) {
            clearTimeout(timer);
            resolve(events);
          } else if (ended) {
            clearTimeout(timer);
            reject(new Error(`stream ended; got ${JSON.stringify(events)}`));
          }
        };
        wake = check;
        check();
      });
    },
    get ended() {
      return ended;
    },
    close: () => abort.abort(),
  };
}
