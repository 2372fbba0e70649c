import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "./messages/en.json";
import ru from "./messages/ru.json";
import { locales } from "./locales";

type Tree = { [key: string]: string | Tree };
const catalogues: Record<string, Tree> = { en, ru };
const appDir = join(import.meta.dirname, "..");

/** Every leaf as "a.b.c" -> message. */
function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The ICU arguments of a message with their kind ("name:plural", "outcome:argument", "strong:tag" …), sorted. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      found.add(`${el.value}:${TYPE[el.type]}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = leaves(en);

describe("message catalogues", () => {
  it("has a catalogue for every locale and no other", () => {
    const files = readdirSync(join(import.meta.dirname, "messages")).map((f) => f.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...locales].sort());
  });

  for (const [locale, catalogue] of Object.entries(catalogues)) {
    const own = leaves(catalogue);
    it(`${locale}: has exactly the keys of en (deep)`, () => {
      expect(
        [...own.keys()].filter((k) => !english.has(k)),
        "keys only in this catalogue",
      ).toEqual([]);
      expect(
        [...english.keys()].filter((k) => !own.has(k)),
        "keys missing here",
      ).toEqual([]);
    });
    it(`${locale}: every value is a non-empty string that parses as ICU`, () => {
      for (const [key, value] of own) {
        expect(typeof value === "string" && value.trim() !== "", `${key} is empty or not a string`).toBe(true);
        expect(() => parse(value as string), `${key} is not valid ICU`).not.toThrow();
      }
    });
    if (locale !== "en")
      it(`${locale}: every message takes the same ICU arguments as in en`, () => {
        for (const [key, value] of own) {
          const source = english.get(key);
          if (typeof source !== "string" || typeof value !== "string") continue;
          expect(argumentsOf(value), key).toEqual(argumentsOf(source));
        }
      });
  }

  it("plural messages in ru give the one, few and many forms", () => {
    for (const [key, value] of leaves(ru)) {
      const plurals: string[] = [];
      const walk = (elements: MessageFormatElement[]) => {
        for (const el of elements) {
          if (el.type === TYPE.plural) plurals.push(Object.keys(el.options).sort().join(","));
          if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
        }
      };
      walk(parse(value as string));
      for (const forms of plurals) expect(forms, key).toBe("few,many,one,other");
    }
  });
});

/** Source files of the app that may translate (components and hooks). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** What a key names in en.json: "string", "object" or undefined. */
function lookup(path: string): "string" | "object" | undefined {
  let node: unknown = en;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? "string" : node !== null && typeof node === "object" ? "object" : undefined;
}

/**
 * A static scan: translators are bound as `const t = useTranslations("ns")` (or getTranslations) or
 * typed parameters `t: ReturnType<typeof useTranslations<"ns">>`; each call `t("key")`, `t.rich("key")`
 * resolves against the nearest binding of that name before it (else the first after it) in the file.
 */
function usedKeys(file: string): { key: string; dynamic: boolean; where: string }[] {
  const text = readFileSync(file, "utf8");
  const bindings: { name: string; ns: string; at: number }[] = [];
  for (const m of text.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\(\s*(?:"([^"]*)")?\s*\)/g))
    bindings.push({ name: m[1], ns: m[2] ?? "", at: m.index });
  for (const m of text.matchAll(/(\w+): ReturnType<typeof useTranslations<"([^"]*)">>/g)) bindings.push({ name: m[1], ns: m[2], at: m.index });
  bindings.sort((a, b) => a.at - b.at);
  const names = new Set(bindings.map((b) => b.name));
  const found: { key: string; dynamic: boolean; where: string }[] = [];
  for (const m of text.matchAll(/\b(\w+)(?:\.rich|\.markup|\.raw|\.has)?\(\s*(?:"([^"]*)"|`([^`]*)`)/g)) {
    const name = m[1];
    if (!names.has(name)) continue;
    const own = bindings.filter((b) => b.name === name);
    const binding = own.filter((b) => b.at < m.index).at(-1) ?? own[0];
    const raw = m[2] ?? m[3];
    const dynamic = m[3]?.includes("${") ?? false;
    const key = dynamic ? raw.slice(0, raw.indexOf("${")).replace(/\.$/, "") : raw;
    const line = text.slice(0, m.index).split("\n").length;
    found.push({ key: binding.ns ? `${binding.ns}.${key}` : key, dynamic, where: `${relative(appDir, file)}:${line}` });
  }
  return found;
}

describe("keys used in app/ exist in en.json", () => {
  const uses = sources(appDir).flatMap(usedKeys);

  it("finds the translations the app uses", () => {
    expect(uses.length).toBeGreaterThan(300);
  });

  it("every literal key names a message, every template key's prefix a group", () => {
    const missing = uses.filter((u) => lookup(u.key) !== (u.dynamic ? "object" : "string")).map((u) => `${u.where} ${u.key}`);
    expect(missing).toEqual([]);
  });

  it("every namespace bound by useTranslations exists", () => {
    for (const file of sources(appDir)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:useTranslations|getTranslations)(?:\(|<)\s*"([^"]+)"/g))
        expect(lookup(m[1]), `${relative(appDir, file)}: ${m[1]}`).toBe("object");
    }
  });
});
