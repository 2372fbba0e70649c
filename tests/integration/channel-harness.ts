import { channelDeps } from "../../engine/testing/channel-deps";
/**
 * An engine on a temp SQLite file with one provider channel, its ingress served over HTTP on
 * 127.0.0.1 as in production, and the provider's fake served beside it: for the channel-<name> tests.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ChannelAdapter, ChannelDeps, RawRequest } from "../../engine/channels/channel";
import type { ProviderFake } from "../../engine/channels/provider-fake";
import { createEngine } from "../../engine/index";
import { fakeClock } from "../../engine/testing/fake-clock";
import { serveFake } from "../../engine/testing/serve-fake";
import { handleIngress } from "../../server/ingress-routes";

export type ChannelRig = Awaited<ReturnType<typeof channelRig>>;

export async function channelRig(file: string, fake: ProviderFake, adapterOn: (baseUrl: string, deps: ChannelDeps) => ChannelAdapter) {
  const provider = await serveFake(fake);
  const adapter = adapterOn(provider.baseUrl, channelDeps({ http: provider.http }));
  const engine = createEngine({ dbFile: file, clock: fakeClock().now, channels: [adapter], background: false });
  const server = http.createServer((req, res) => void handleIngress(engine, req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/channels/${adapter.channel}/inbound`;
  return {
    engine,
    webhookUrl,
    /** Posts a request the fake built (its URL is `webhookUrl`) to the served route, byte for byte. */
    async deliver(request: RawRequest) {
      const res = await fetch(request.url, { method: request.method, headers: request.headers as Record<string, string>, body: new Uint8Array(request.body) });
      return { status: res.status, contentType: res.headers.get("content-type"), text: await res.text() };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await engine.close();
      await provider.close();
    },
  };
}
