import type { ChannelAdapter, ChannelDeps, ParsedRequest, RawRequest } from "../channels/channel";

/** Channel deps for adapter tests: nothing delivered, no visitors, and no provider calls unless the test hands in `http` (or `admitHost`). */
export const channelDeps = (overrides: Partial<ChannelDeps> = {}): ChannelDeps => ({
  delivered: () => {},
  visitorOf: () => null,
  http: async (request) => {
    throw new Error(`this test calls no provider, but the adapter called ${request.url}`);
  },
  admitHost: async (host, port) => {
    throw new Error(`this test connects to no provider, but the adapter asked for ${host}:${port}`);
  },
  ...overrides,
});

/** A synchronous channel's parse result (e-mail parses asynchronously: await that one instead). */
export function parsedNow(result: ParsedRequest | Promise<ParsedRequest>): ParsedRequest {
  if (result instanceof Promise) throw new Error("this channel parses asynchronously: await its parse");
  return result;
}

/** The error a synchronous adapter's parse throws for `request` (undefined when it parses), for tests that name refused fields. */
export function parseRefusal(adapter: Pick<ChannelAdapter, "parse">, request: RawRequest) {
  try {
    adapter.parse(request);
  } catch (error) {
    return error as { name: string; issues: { path: PropertyKey[] }[] };
  }
  return undefined;
}
