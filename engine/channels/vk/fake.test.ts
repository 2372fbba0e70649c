import { describe, expect, it } from "vitest";
import { createFake } from "./fake";
import { sampleSettings, WEBHOOK_URL } from "./samples";

const call = (fake: ReturnType<typeof createFake>, params: Record<string, string>, path = "/method/messages.send") =>
  fake
    .answer({
      url: `https://api.vk.com${path}`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    })
    .then((r) => ({ status: r.status, body: JSON.parse(r.text) as { response?: number; error?: { error_code: number; error_msg: string } } }));

const valid = { access_token: sampleSettings.accessToken, v: "5.199", peer_id: "42", random_id: "7", message: "Hi" };

describe("VK fake", () => {
  it("refuses as VK does: 200 with {error: {error_code, error_msg}}", async () => {
    const fake = createFake(sampleSettings);
    fake.customerWrites({ address: "42" }, "hello", WEBHOOK_URL);
    const cases: [Record<string, string>, number][] = [
      [{ ...valid, access_token: "" }, 5],
      [{ ...valid, access_token: "nope" }, 5],
      [{ ...valid, v: "" }, 8],
      [{ ...valid, peer_id: "abc" }, 100],
      [{ ...valid, random_id: "" }, 100],
      [{ ...valid, message: "  " }, 100],
      [{ ...valid, keyboard: '{"buttons":[[{"action":{"type":"text"}}]]}' }, 911],
      [{ ...valid, keyboard: "not json" }, 911],
      [{ ...valid, peer_id: "43" }, 901],
    ];
    for (const [params, code] of cases) {
      const answer = await call(fake, params);
      expect(answer.status).toBe(200);
      expect(answer.body.error?.error_code, JSON.stringify(params)).toBe(code);
    }
    expect((await call(fake, valid, "/method/messages.delete")).body.error?.error_code).toBe(3);
    expect(fake.deliveries()).toEqual([]);
  });

  it("takes the token as a bearer header too, and keeps one message per peer and random_id", async () => {
    const fake = createFake(sampleSettings);
    fake.customerWrites({ address: "42" }, "hello", WEBHOOK_URL);
    const { access_token, ...rest } = valid;
    const viaHeader = await fake.answer({
      url: `https://api.vk.com/method/messages.send?${new URLSearchParams(rest)}`,
      method: "POST",
      headers: { authorization: `Bearer ${access_token}` },
      body: null,
    });
    expect(JSON.parse(viaHeader.text)).toEqual({ response: 1 });
    expect((await call(fake, valid)).body).toEqual({ response: 1 });
    expect((await call(fake, { ...valid, random_id: "8" })).body).toEqual({ response: 2 });
    expect(fake.deliveries().map((d) => d.providerMessageId)).toEqual(["1", "2"]);
  });

  it("posts a customer's message as VK does, with the community's id and secret", () => {
    const fake = createFake(sampleSettings);
    const request = fake.customerWrites({ address: "42", name: "Ann" }, "hello", WEBHOOK_URL);
    const body = JSON.parse(request.body.toString("utf8"));
    expect(body).toMatchObject({
      type: "message_new",
      group_id: 123456,
      secret: "secret_123456",
      event_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      object: { message: { from_id: 42, peer_id: 42, text: "hello", conversation_message_id: 1 } },
    });
    expect(() => fake.customerWrites({ address: "+79990001122" }, "hi", WEBHOOK_URL)).toThrow("a VK user id is a positive number");
  });
});
