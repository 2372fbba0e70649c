import { describe, expect, it } from "vitest";
import { checkTemplate, renderTemplate, templatePaths } from "./template";

const scope = {
  customer: { id: "c1", name: "Анна", channel: "webchat", address: "v1" },
  message: { text: "Сколько стоит?", channel: "webchat" },
  task: null,
  vars: { plan: "Pro", seats: 3, empty: null },
};

describe("renderTemplate", () => {
  it("fills placeholders from the scope, with or without inner spaces", () => {
    expect(renderTemplate("Hi {{customer.name}}, re: {{ message.text }}", scope)).toBe("Hi Анна, re: Сколько стоит?");
  });

  it("prints numbers and leaves text without placeholders untouched", () => {
    expect(renderTemplate("{{vars.plan}} x{{vars.seats}}", scope)).toBe("Pro x3");
    expect(renderTemplate("No braces { here }", scope)).toBe("No braces { here }");
  });

  it("renders missing, null and through-null values as an empty string", () => {
    expect(renderTemplate("[{{vars.nope}}][{{vars.empty}}][{{task.outcome}}][{{customer.name.first}}]", scope)).toBe("[][][][]");
  });

  it("uses the fallback after | when the value is missing or empty", () => {
    expect(renderTemplate("Hi {{ vars.nope | there }}!", scope)).toBe("Hi there!");
    expect(renderTemplate("Hi {{customer.name|there}}!", scope)).toBe("Hi Анна!");
    expect(checkTemplate("Hi {{customer.name | there}}")).toEqual([]);
  });

  it("reads own properties only, never inherited ones", () => {
    expect(renderTemplate("[{{vars.constructor}}][{{vars.toString}}][{{customer.__proto__}}]", scope)).toBe("[][][]");
  });
});

describe("renderTemplate by context", () => {
  const attack = 'hi", "refund": 5000, "x": "';
  const with_ = (vars: Record<string, unknown>, text = attack) => ({ ...scope, message: { text, channel: "webchat" }, vars });

  it("json: a value inside a string literal stays one string, whatever quotes it holds", () => {
    const body = renderTemplate('{"note":"{{message.text}}","by":"{{customer.name}}"}', with_({}), "json");
    expect(JSON.parse(body)).toEqual({ note: attack, by: "Анна" });
    const tricky = renderTemplate('{"a":"x\\"{{message.text}}"}', with_({}, 'q\\"\n'), "json");
    expect(JSON.parse(tricky)).toEqual({ a: 'x"q\\"\n' });
  });

  it("json: a bare placeholder becomes a JSON value (strings quoted)", () => {
    const body = renderTemplate(
      '{"text": {{message.text}}, "seats": {{vars.seats}}, "vip": {{vars.vip}}, "tags": {{vars.tags}}, "none": {{vars.nope}}, "n": {{vars.nope | 0}}, "plan": {{vars.nope | Pro}}}',
      with_({ seats: 3, vip: true, tags: ["a", "b"] }),
      "json",
    );
    expect(JSON.parse(body)).toEqual({ text: attack, seats: 3, vip: true, tags: ["a", "b"], none: null, n: 0, plan: "Pro" });
    expect(renderTemplate('{"id": {{vars.id}}}', with_({ id: '5000, "refund": 1' }), "json")).toBe('{"id": "5000, \\"refund\\": 1"}');
  });

  it("url: values are percent-encoded and cannot change the path", () => {
    const url = renderTemplate("https://crm.example.com/orders/{{vars.orderId}}?q={{message.text}}", with_({ orderId: "../../admin" }, "a&b=c#d"), "url");
    expect(url).toBe("https://crm.example.com/orders/..%2F..%2Fadmin?q=a%26b%3Dc%23d");
    expect(new URL(url).pathname).toBe("/orders/..%2F..%2Fadmin");
    for (const dots of [".", ".."]) {
      const climbed = renderTemplate("https://crm.example.com/orders/{{vars.orderId}}/items", with_({ orderId: dots }), "url");
      expect(new URL(climbed).pathname).toMatch(/^\/orders\//);
    }
    expect(renderTemplate("https://x.example/?q={{vars.q}}", with_({ q: ".." }), "url")).toBe("https://x.example/?q=..");
  });

  it("url: a placeholder at the very start gives the base URL as it is", () => {
    expect(renderTemplate("{{vars.base}}/orders/{{vars.id}}", with_({ base: "https://crm.example.com/api", id: "a b" }), "url")).toBe(
      "https://crm.example.com/api/orders/a%20b",
    );
  });

  it("header and form: no line breaks into headers, form values encoded; plain text as is", () => {
    expect(renderTemplate("Bearer {{message.text}}", with_({}, "x\r\nX-Admin: 1"), "header")).toBe("Bearer xX-Admin: 1");
    expect(renderTemplate("note={{message.text}}&by=bot", with_({}, "a&refund=5000"), "form")).toBe("note=a%26refund%3D5000&by=bot");
    expect(renderTemplate("Note: {{message.text}}", with_({}))).toBe(`Note: ${attack}`);
  });
});

describe("checkTemplate", () => {
  it("accepts every name a flow can know", () => {
    expect(
      checkTemplate(
        "{{customer.id}} {{customer.name}} {{customer.channel}} {{customer.address}} {{message.text}} {{message.channel}} {{task.outcome}} {{vars.anything}}",
      ),
    ).toEqual([]);
  });

  it.each([
    ["{{operator.name}}", /unknown name "operator"/],
    ["{{customer}}", /say which field/],
    ["{{customer.email}}", /customer has id, name, channel, address/],
    ["{{message.text.length}}", /message has text, channel/],
    ["Hi {{customer.name", /has no closing/],
    ["Hi {{customer-name}}", /\{\{customer-name\}\}: not a name/],
    ["{{ 42 }}", /not a name/],
  ])("reports %j", (template, problem) => {
    const problems = checkTemplate(template);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("reports each bad placeholder once, in order", () => {
    expect(checkTemplate("{{a.b}} ok {{customer.name}} {{c.d}}")).toEqual([
      '{{a.b}}: unknown name "a" (use customer, message, task, vars)',
      '{{c.d}}: unknown name "c" (use customer, message, task, vars)',
    ]);
  });

  it("lists the paths a template uses, in order", () => {
    expect(templatePaths("{{ customer.name }} {{vars.x}} {{customer.name}}")).toEqual(["customer.name", "vars.x", "customer.name"]);
  });
});
