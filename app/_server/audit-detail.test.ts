import { describe, expect, it } from "vitest";
import { auditDetail, reportsFailure } from "./audit-detail";

describe("audit detail", () => {
  it("keeps ids and choices and reduces free text to its length, so no customer's words reach the chain", () => {
    expect(auditDetail({ taskId: "t-1", text: "my card is 4111 1111 1111 1111", outcome: "resolved" })).toEqual({
      taskId: "t-1",
      text: "[30 characters]",
      outcome: "resolved",
    });
    expect(auditDetail({ customerId: "c-1", confirmation: "Irina Volkova" })).toEqual({ customerId: "c-1", confirmation: "[13 characters]" });
    expect(auditDetail({ flowId: "f", document: { nodes: [] } })).toEqual({ flowId: "f", document: "[object]" });
    expect(auditDetail(undefined)).toBeUndefined();
  });

  it("names the channel of a channel's call (a choice), not the address or text sent", () => {
    expect(auditDetail({ channel: "telegram", address: "5550001", text: "hi" })).toEqual({
      channel: "telegram",
      address: "[7 characters]",
      text: "[2 characters]",
    });
    expect(auditDetail({ channel: "sms", mode: "sandbox" })).toEqual({ channel: "sms", mode: "sandbox" });
  });

  it("tells a call that reports it failed ({ ok: false }) from one that did what was asked", () => {
    expect(reportsFailure({ ok: false, error: { message: "Telegram refused sendMessage (400)" } })).toBe(true);
    expect(reportsFailure({ ok: true, providerMessageId: "1" })).toBe(false);
    expect(reportsFailure({ id: "flow-1" })).toBe(false);
    expect(reportsFailure(undefined)).toBe(false);
  });
});
