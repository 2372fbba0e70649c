import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/contracts/events";
import { effectsOf } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode } from "../../../engine/testing/run-node";

const TYPE = "data.http-request";
const settings = {
  method: "POST",
  url: "https://crm.example.com/customers/{{customer.id}}/notes",
  headers: ["Authorization: Bearer abc", "X-Text: {{message.text}}"],
  body: '{"note":"{{message.text}}"}',
  mapping: ["noteId = data.id", "first = data.items.0"],
};
const responded = (key: string, status: number, body: unknown): FlowEvent => ({ type: "http.responded", at: 0, key, nodeId: NODE_ID, status, body });

describe("data.http-request", () => {
  it("emits one request effect with rendered URL, headers and body, and parks", () => {
    const run = runNode(TYPE, settings, "call me");
    expect(portsOf(TYPE, settings)).toEqual(["success", "error"]);
    expect(run.status).toBe("waiting");
    expect(effectsOf(run.effects, "http.request")).toEqual([
      {
        kind: "http.request",
        key: "inst-1:1",
        nodeId: NODE_ID,
        method: "POST",
        url: "https://crm.example.com/customers/cust-1/notes",
        headers: { authorization: "Bearer abc", "x-text": "call me" },
        body: '{"note":"call me"}',
        timeoutMs: 10_000,
        retries: 2,
      },
    ]);
  });

  it("escapes each value for where it goes: JSON body, URL, header", () => {
    const attack = 'hi", "refund": 5000, "x": "\r\nX-Admin: 1';
    const run = runNode(TYPE, { ...settings, url: "https://crm.example.com/orders/{{message.text}}" }, attack);
    const [request] = effectsOf(run.effects, "http.request") as { url: string; headers: Record<string, string>; body: string }[];
    expect(JSON.parse(request.body)).toEqual({ note: attack });
    expect(new URL(request.url).pathname).toBe(`/orders/${encodeURIComponent(attack)}`);
    expect(request.headers["x-text"]).toBe('hi", "refund": 5000, "x": "X-Admin: 1');
  });

  it("treats the body as JSON, a form or text by its Content-Type, else by its look", () => {
    const body = (headers: string[], template: string) =>
      (effectsOf(runNode(TYPE, { ...settings, headers, body: template }, 'a"&b').effects, "http.request")[0] as { body: string }).body;
    expect(body([], "{{message.text}}")).toBe("a\"&b");
    expect(body(["Content-Type: application/json"], "{{message.text}}")).toBe('"a\\"&b"');
    expect(body(["Content-Type: application/x-www-form-urlencoded"], "note={{message.text}}")).toBe("note=a%22%26b");
    expect(body(["Content-Type: text/plain"], '{"note":"{{message.text}}"}')).toBe('{"note":"a"&b"}');
    expect(body([], ' [{{message.text}}]')).toBe(' ["a\\"&b"]');
  });

  it("maps a 2xx JSON answer into variables and continues on Success", () => {
    const run = runNode(TYPE, settings);
    run.send(responded("inst-1:1", 201, { data: { id: "n-7", items: ["a", "b"], constructor: 1 } }));
    expect(run.port).toBe("success");
    expect(run.state.context.vars).toEqual({ noteId: "n-7", first: "a", httpStatus: 201, httpError: "" });
  });

  it("goes to Error on 4xx/5xx and on a failure, recording why", () => {
    const notFound = runNode(TYPE, settings);
    notFound.send(responded("inst-1:1", 404, "no such customer"));
    expect(notFound.port).toBe("error");
    expect(notFound.state.context.vars).toMatchObject({ httpStatus: 404, httpError: "HTTP 404", noteId: null });

    const down = runNode(TYPE, settings);
    down.send({ type: "http.failed", at: 0, key: "inst-1:1", nodeId: NODE_ID, error: "could not reach crm.example.com", unknown: false });
    expect(down.port).toBe("error");
    expect(down.state.context.vars).toMatchObject({ httpStatus: 0, httpError: "could not reach crm.example.com" });
  });

  it("ignores the answer to another request", () => {
    const run = runNode(TYPE, settings);
    expect(run.send(responded("other:1", 200, {}))).toMatchObject({ status: "waiting", trail: [] });
  });

  it("refuses a URL that is not http(s) and malformed mapping lines, pinned to their fields", () => {
    expect(nodeIssues(TYPE, { url: "ftp://x" })).toMatchObject([{ code: "invalid-settings", field: "url" }]);
    expect(nodeIssues(TYPE, { url: "https://x", mapping: ["= nope"] })).toMatchObject([{ code: "invalid-settings", field: "mapping.0" }]);
  });
});
