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
