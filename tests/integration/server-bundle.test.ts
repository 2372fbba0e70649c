import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { INSTALLED_CHANNELS } from "../../engine/contracts/channels";
import { useTempDb } from "../../engine/testing/test-engine";
import { SERVER_BUNDLE, serverBuild } from "../../scripts/build-server";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Inside the repository, so the bundle finds node_modules and prisma/migrations as dist/server.mjs does.
const OUT = path.join(ROOT, `dist/test-${process.pid}`);
const tmp = useTempDb("omniflow-bundle-");

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the server bundle (dist/server.mjs, scripts/build-server.ts)", () => {
  it("holds every channel folder's adapter, and loads Next only once the server listens", async () => {
    const { metafile } = await build({ ...serverBuild, write: false, metafile: true });
    const folders = readdirSync(path.join(ROOT, "engine/channels"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, "engine/channels", entry.name, "adapter.ts")))
      .map((entry) => `engine/channels/${entry.name}/adapter.ts`);
    expect(folders).toContain("engine/channels/webchat/adapter.ts");
    for (const adapter of folders) expect(Object.keys(metafile.inputs)).toContain(adapter);

    const outputs = new Map(Object.entries(metafile.outputs));
    const imports = [...outputs.values()].flatMap((o) => o.imports);
    const kinds = (name: string) => imports.filter((i) => i.path === name || i.path.startsWith(`${name}/`)).map((i) => i.kind);
    expect(new Set(kinds("next"))).toEqual(new Set(["dynamic-import"]));
    expect(new Set(kinds("better-auth"))).toEqual(new Set(["dynamic-import"]));
    // What a start loads: the server file and the chunks it imports statically (it shares some with the writer thread's script).
    const atStart = new Set([SERVER_BUNDLE]);
    for (const file of atStart) {
      for (const i of outputs.get(file)?.imports ?? []) if (i.kind === "import-statement" && outputs.has(i.path)) atStart.add(i.path);
    }
    const staticImports = [...atStart].flatMap((file) => outputs.get(file)!.imports.filter((i) => i.kind === "import-statement"));
    // Everything else a start needs is in the bundle's own files: no package is resolved and read file by file.
    const packagesAtStart = staticImports.filter((i) => !/^(node:|dist\/)/.test(i.path)).map((i) => i.path);
    expect(new Set(packagesAtStart)).toEqual(new Set(["better-sqlite3", "re2"]));
    // What a start does not need waits in chunks: nodemailer and smtp-server are not in what the server loads at once.
    const inputsAtStart = [...atStart].flatMap((file) => Object.keys(outputs.get(file)!.inputs));
    expect(inputsAtStart.filter((input) => /node_modules\/(nodemailer|smtp-server|mailparser)\//.test(input))).toEqual([]);
    // Nor the packages only some steps use: required when first called (FIRST_USE in scripts/build-server.ts).
    expect(inputsAtStart.filter((input) => /node_modules\/(snowball-stemmers|sentiment|libphonenumber-js)\//.test(input))).toEqual([]);
    // zod imported as a namespace: esbuild keeps only what is used (`import { z }` kept all of it, 750 KB with every locale).
    expect(inputsAtStart.filter((input) => /node_modules\/zod\/.*\/locales\/(?!(en|ru|index)\.js)/.test(input))).toEqual([]);
  });

  it("runs under plain node: migrates a new database, installs the channels, starts the demo flow, requires packages on first use", async () => {
    const { entryPoints: _, ...options } = serverBuild;
    const entry = fileURLToPath(new URL("./bundle-child.ts", import.meta.url));
    await build({ ...options, entryPoints: { main: entry }, outdir: OUT, outExtension: { ".js": ".mjs" } });
    const child = spawnSync(process.execPath, [path.join(OUT, "main.mjs"), tmp.file], { cwd: ROOT, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as { channels: string[]; instanceId: string | null; firstUse: unknown };
    expect(result.channels).toEqual(INSTALLED_CHANNELS);
    expect(result.instanceId).toEqual(expect.any(String));
    expect(result.firstUse).toEqual({ phone: "+442079460018", stems: ["run", "машин"], sentiment: 5 });
  });
});
