/** Test kit: raw bytes over node:net, for requests no HTTP client would send. */
import net from "node:net";

export type RawAnswer = { status: number | null; body: Record<string, unknown> | null; text: string; closedAfterMs: number };

/** Sends `bytes` (possibly an incomplete request) and collects what comes back until the server closes or `giveUpMs` passes. */
export function rawExchange(port: number, bytes: string | Buffer, giveUpMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const body = text.split("\r\n\r\n")[1];
      resolve({ status: status ? Number(status) : null, body: body ? JSON.parse(body) : null, text, closedAfterMs: Date.now() - started });
    });
  });
}
