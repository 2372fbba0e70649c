import { describe, expect, it } from "vitest";
import { createFake } from "./fake";
import { sampleSettings, WEBHOOK_URL } from "./samples";

const fakeWithAnn = () => {
  const fake = createFake(sampleSettings, () => 1_764_000_000_000);
  fake.customerWrites({ address: "2222222", name: "Ann" }, "hi", WEBHOOK_URL);
  return fake;
};
/** Calls a Bot API method on the fake; returns the status and the answer's JSON. */
async function call(fake: ReturnType<typeof createFake>, method: string, params: unknown, token = sampleSettings.botToken) {
  const body = typeof params === "string" ? params : JSON.stringify(params);
  const answer = await fake.answer({ url: `https://api.telegram.org/bot${token}/${method}`, method: "POST", headers: {}, body });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}
const refusal = (status: number, description: string) => ({ status, body: { ok: false, error_code: status, description } });

describe("fake Telegram", () => {
  it("posts updates as Telegram does: JSON, the secret token header, ids counting up", () => {
    const fake = createFake(sampleSettings, () => 1_764_000_000_000);
    const first = fake.customerWrites({ address: "2222222", name: "Ann" }, "/start inst-8f3k2-2", WEBHOOK_URL);
    expect(first).toMatchObject({ method: "POST", url: WEBHOOK_URL, headers: { "x-telegram-bot-api-secret-token": sampleSettings.webhookSecret } });
    const update = JSON.parse(first.body.toString());
    expect(update.message).toMatchObject({
      message_id: 1,
      date: 1_764_000_000,
      chat: { id: 2222222, type: "private" },
      from: { id: 2222222, is_bot: false, first_name: "Ann" },
      text: "/start inst-8f3k2-2",
      entities: [{ offset: 0, length: 6, type: "bot_command" }],
    });
    const second = JSON.parse(fake.customerSends({ address: "2222222" }, { location: { latitude: 1, longitude: 2 } }, WEBHOOK_URL).body.toString());
    expect([second.update_id - update.update_id, second.message.message_id, second.message.from.first_name]).toEqual([1, 2, "Ann"]);
    expect(() => fake.customerWrites({ address: "ann@example.com" }, "hi", WEBHOOK_URL)).toThrow("user id");
  });

  it("takes a message to a chat that wrote, with its keyboard, and records the delivery", async () => {
    const fake = fakeWithAnn();
    const keyboard = { inline_keyboard: [[{ text: "Yes", callback_data: "Yes" }], [{ text: "Site", url: "https://example.com" }]] };
    const sent = await call(fake, "sendMessage", { chat_id: "2222222", text: "Go?", reply_markup: keyboard });
    expect(sent).toMatchObject({ status: 200, body: { ok: true, result: { message_id: 2, chat: { id: 2222222 }, text: "Go?", reply_markup: keyboard } } });
    expect(fake.deliveries()).toEqual([{ providerMessageId: "2", address: "2222222", text: "Go?", buttons: ["Yes", "Site"], at: 1_764_000_000_000 }]);
  });

  it("refuses as Telegram does", async () => {
    const fake = fakeWithAnn();
    const to = (params: object) => ({ chat_id: 2222222, text: "hi", ...params });
    const cases: [string, unknown, ReturnType<typeof refusal>, string?][] = [
      ["sendMessage", to({}), refusal(401, "Unauthorized"), "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew12"],
      ["sendSticker", to({}), refusal(404, "Not Found")],
      ["sendMessage", "chat_id=1", refusal(400, "Bad Request: parameters are not a JSON object")],
      ["sendMessage", { text: "hi" }, refusal(400, "Bad Request: chat_id is empty")],
      ["sendMessage", to({ chat_id: 3333333 }), refusal(400, "Bad Request: chat not found")],
      ["sendMessage", to({ text: "  " }), refusal(400, "Bad Request: message text is empty")],
      ["sendMessage", to({ text: "x".repeat(4097) }), refusal(400, "Bad Request: message is too long")],
      ["sendMessage", to({ reply_markup: { inline_keyboard: [{ text: "Yes" }] } }), refusal(400, "Bad Request: can't parse reply keyboard markup JSON object")],
      [
        "sendMessage",
        to({ reply_markup: { inline_keyboard: [[{ text: "Yes" }]] } }),
        refusal(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"),
      ],
      [
        "sendMessage",
        to({ reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "Ж".repeat(33) }]] } }),
        refusal(400, "Bad Request: BUTTON_DATA_INVALID"),
      ],
      ["answerCallbackQuery", { callback_query_id: "nope" }, refusal(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")],
    ];
    for (const [method, params, expected, token] of cases) expect(await call(fake, method, params, token), JSON.stringify(params)).toEqual(expected);
    expect(fake.deliveries()).toEqual([]);
  });

  it("turns a tap into a callback query once per press; a query is answered once", async () => {
    const fake = fakeWithAnn();
    await call(fake, "sendMessage", { chat_id: 2222222, text: "Go?", reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "y" }]] } });
    const { callback_query: query } = JSON.parse(fake.customerPresses({ address: "2222222" }, "Yes", WEBHOOK_URL).body.toString());
    expect(query).toMatchObject({ from: { id: 2222222 }, data: "y", message: { message_id: 2, reply_markup: { inline_keyboard: [[{ text: "Yes" }]] } } });
    expect(await call(fake, "answerCallbackQuery", { callback_query_id: query.id })).toEqual({ status: 200, body: { ok: true, result: true } });
    expect((await call(fake, "answerCallbackQuery", { callback_query_id: query.id })).status).toBe(400);
    expect(fake.answeredPresses()).toEqual([query.id]);
    expect(() => fake.customerPresses({ address: "2222222" }, "No", WEBHOOK_URL)).toThrow('no message in chat 2222222 shows a button "No"');
  });
});
