import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { INSTALLED_CHANNELS } from "../../engine/contracts/channels";
import { useTempDb } from "../../engine/testing/test-engine";
import { buildSnapshot, serverBuild } from "../../scripts/build-server";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Inside the repository, so the bundle finds node_modules and prisma/migrations as dist/server.cjs does.
const OUT = path.join(ROOT, `dist/test-${process.pid}`);
const tmp = useTempDb("omniflow-bundle-");

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

/** Packages the bundle leaves to run time, each behind a stand-in that loads it when first used. */
const AT_RUN_TIME = [
  "better-sqlite3",
  "re2",
  "next",
  "better-auth",
  "@prisma/client",
  "nodemailer",
  "smtp-server",
  "mailparser",
  "papaparse",
  "snowball-stemmers",
  "sentiment",
  "libphonenumber-js",
];

describe("the server's bundle and start-up snapshot (dist/server.cjs, dist/server.blob, scripts/build-server.ts)", () => {
  it("holds every channel folder's adapter, and leaves native addons, Next, Prisma, the mail packages and those only some steps use to run time", async () => {
    const { metafile } = await build({ ...serverBuild, write: false, metafile: true });
    // What the bundle holds: the files that put code in it (esbuild reads more, and drops what is not used).
    const inputs = Object.values(metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([name]) => name),
    );
    const folders = readdirSync(path.join(ROOT, "engine/channels"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, "engine/channels", entry.name, "adapter.ts")))
      .map((entry) => `engine/channels/${entry.name}/adapter.ts`);
    expect(folders).toContain("engine/channels/webchat/adapter.ts");
    for (const adapter of folders) expect(inputs).toContain(adapter);
    // Not one file of them is in the bundle: each is a stand-in, which requires it when first used.
    for (const name of AT_RUN_TIME) {
      expect(inputs.filter((input) => input.includes(`node_modules/${name}/`))).toEqual([]);
      expect(inputs.some((input) => input === `first-use:${name}` || input.startsWith(`first-use:${name}/`))).toBe(true);
    }
    // A snapshot's code has no dynamic import(): every one is bundled or a stand-in.
    const imports = Object.values(metafile.outputs).flatMap((o) => o.imports);
    expect(imports.filter((i) => i.kind === "dynamic-import")).toEqual([]);
    // zod imported as a namespace: esbuild keeps only what is used (`import { z }` kept all of it, 750 KB with every locale).
    expect(inputs.filter((input) => /node_modules\/zod\/.*\/locales\/(?!(en|ru|index)\.js)/.test(input))).toEqual([]);
  });

  it("starts from its snapshot under plain node: migrates a new database, installs the channels, starts the demo flow, loads packages on first use", async () => {
    const { entryPoints: _, ...options } = serverBuild;
    const entry = fileURLToPath(new URL("./bundle-child.ts", import.meta.url));
    await build({ ...options, entryPoints: { main: entry }, outdir: OUT });
    buildSnapshot(path.join(OUT, "main.cjs"), path.join(OUT, "main.blob"));
    const child = spawnSync(process.execPath, ["--snapshot-blob", path.join(OUT, "main.blob"), tmp.file], { cwd: ROOT, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout.trim().split("\n").pop()!) as { channels: string[]; instanceId: string | null; firstUse: unknown };
    expect(result.channels).toEqual(INSTALLED_CHANNELS);
    expect(result.instanceId).toEqual(expect.any(String));
    expect(result.firstUse).toEqual({ phone: "+442079460018", stems: ["run", "машин"], sentiment: 5 });
  });

  it("names what a module did that a snapshot cannot hold, when node refuses to build one", async () => {
    const entry = path.join(OUT, "intl-at-load.cjs");
    await build({ stdin: { contents: "globalThis.names = new Intl.DisplayNames(['en'], { type: 'region' });", loader: "js" }, outfile: entry, write: true });
    expect(() => buildSnapshot(entry, path.join(OUT, "never.blob"))).toThrow(/could not build the start-up snapshot.*Intl object/s);
  });
});
