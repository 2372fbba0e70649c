import { expect, it } from "vitest";
import type { ChannelAdapter, RawRequest } from "../channels/channel";
import { parseRefusal } from "./channel-deps";

/** A channel's bad samples: refused by their schema, naming these fields, or before the payload is read, with a code. */
export type BadSample = { request: RawRequest } & ({ fields: string[] } | { code: string; status: number });

/** Declares the tests every synchronous adapter's bad samples must pass: verified, then refused as each says. */
export function itRefusesBadSamples(adapter: Pick<ChannelAdapter, "verify" | "parse">, badSamples: Record<string, BadSample>) {
  const named = Object.entries(badSamples);
  it.each(named.filter(([, s]) => "fields" in s))("refuses %s, naming the fields", async (_name, sample) => {
    expect(await adapter.verify(sample.request)).toEqual({ ok: true });
    const error = parseRefusal(adapter, sample.request);
    expect(error?.name).toBe("ZodError");
    expect(error!.issues.map((i) => i.path.join("."))).toEqual((sample as { fields: string[] }).fields);
  });
  it.each(named.filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => adapter.parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });
}
