import { describe, expect, it } from "vitest";
import { auditDetail } from "./audit-detail";

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
});
