import { describe, expect, it } from "vitest";
import { hubSignature } from "./api";
import { createFake } from "./fake";
import { CUSTOMER, sampleSettings, WEBHOOK_URL } from "./samples";

const { accessToken, phoneNumberId, appSecret } = sampleSettings;
const HOUR = 60 * 60 * 1000;

function fakeAt(start = Date.UTC(2026, 11, 2)) {
  let now = start;
  const fake = createFake(sampleSettings, { now: () => now });
  return { fake, advance: (ms: number) => (now += ms) };
}

const post = (body: unknown, { token = accessToken, path = `/v26.0/${phoneNumberId}/messages` } = {}) => ({
  url: `https://graph.facebook.com${path}`,
  method: "POST" as const,
  headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) } as Record<string, string>,
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const text = (body: string, to = CUSTOMER) => ({ messaging_product: "whatsapp", to, type: "text", text: { body } });
const answer = async (fake: ReturnType<typeof createFake>, request: ReturnType<typeof post>) => {
  const response = await fake.answer(request);
  return { status: response.status, body: JSON.parse(response.text) };
};

describe("the fake WhatsApp Cloud API", () => {
  it("refuses calls without the access token, or with another, as the Graph API does", async () => {
    const { fake } = fakeAt();
    expect(await answer(fake, post(text("hi"), { token: "" }))).toMatchObject({ status: 401, body: { error: { code: 2500, type: "OAuthException" } } });
    expect(await answer(fake, post(text("hi"), { token: "nope" }))).toMatchObject({
      status: 401,
      body: { error: { code: 190, message: "Invalid OAuth access token - Cannot parse access token", fbtrace_id: expect.any(String) } },
    });
    expect(await answer(fake, post(text("hi"), { path: "/v26.0/123/messages" }))).toMatchObject({
      status: 400,
      body: { error: { code: 100, error_subcode: 33 } },
    });
    expect(await answer(fake, post(text("hi"), { path: "/messages" }))).toMatchObject({ status: 400, body: { error: { code: 2500 } } });
  });

  it("holds payloads to the Cloud API's limits, naming the parameter", async () => {
    const { fake } = fakeAt();
    const buttons = ["a", "b", "c", "d"].map((t) => ({ type: "reply", reply: { id: t, title: t } }));
    const tooMany = {
      messaging_product: "whatsapp",
      to: CUSTOMER,
      type: "interactive",
      interactive: { type: "button", body: { text: "?" }, action: { buttons } },
    };
    expect(await answer(fake, post(tooMany))).toMatchObject({
      status: 400,
      body: {
        error: { code: 100, message: "(#100) Invalid parameter", error_data: { details: expect.stringMatching(/^Param interactive\.action\.buttons: /) } },
      },
    });
    expect((await answer(fake, post(text("hi", "+16505551234")))).body.error.error_data.details).toMatch(/^Param to: /);
    expect((await answer(fake, post(text("x".repeat(4097))))).body.error.error_data.details).toBe("Param text.body: at most 4096 characters");
    expect((await answer(fake, post("{not json"))).status).toBe(400);
  });

  it("takes free-form messages only within 24 hours of the customer's last message; templates always", async () => {
    const { fake, advance } = fakeAt();
    const template = { messaging_product: "whatsapp", to: CUSTOMER, type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    expect(await answer(fake, post(text("hi")))).toMatchObject({ status: 400, body: { error: { code: 131047, message: "(#131047) Re-engagement message" } } });
    expect(await answer(fake, post(template))).toMatchObject({ status: 200, body: { messages: [{ id: expect.stringMatching(/^wamid\./) }] } });

    fake.customerWrites({ address: `+${CUSTOMER}` }, "hello", WEBHOOK_URL);
    advance(23 * HOUR);
    expect((await answer(fake, post(text("still open")))).status).toBe(200);
    advance(2 * HOUR);
    expect((await answer(fake, post(text("closed")))).body.error.code).toBe(131047);
    expect(fake.deliveries().map((d) => d.text)).toEqual(["[template hello_world]", "still open"]);

    const unknown = { ...template, template: { name: "hello_world", language: { code: "de" } } };
    expect(await answer(fake, post(unknown))).toMatchObject({ status: 404, body: { error: { code: 132001 } } });
  });

  it("writes webhooks signed with the app secret, and status reports only for messages it took", async () => {
    const { fake } = fakeAt();
    const request = fake.customerWrites({ address: `+${CUSTOMER}`, name: "Sheena" }, "hi", WEBHOOK_URL);
    expect(request.headers["x-hub-signature-256"]).toBe(hubSignature(appSecret, request.body));
    const body = JSON.parse(request.body.toString());
    expect(body.entry[0].changes[0].value).toMatchObject({
      metadata: { phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: "Sheena" }, wa_id: CUSTOMER }],
      messages: [{ from: CUSTOMER, type: "text", text: { body: "hi" }, timestamp: String(Date.UTC(2026, 11, 2) / 1000) }],
    });
    expect(() => fake.statusReport?.("wamid.never", "read", WEBHOOK_URL)).toThrow("took no message wamid.never");
  });
});
