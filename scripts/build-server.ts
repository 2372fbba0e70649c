// The server half of `npm run build` (after `next build`). Production starts the server from a V8 start-up
// snapshot: `node --snapshot-blob dist/server.blob` deserializes a heap in which every module of the server
// is already compiled and run, so a restart neither parses nor runs ~1.3 MB of JavaScript before it takes
// webhooks (issue 16, bench/README.md (c0)). Three outputs:
// - dist/server.cjs: server.ts and everything it imports, packages included, in one CommonJS file (node
//   builds a snapshot only from one script);
// - dist/server.blob: the snapshot, made by running that file under `node --build-snapshot` (server.ts then
//   only names its start as the snapshot's main function); it fits only the node binary that made it,
//   so dist/server.blob.json records which, with the folder and package-lock's hash (scripts/snapshot/stamp.mjs),
//   and `npm start` rebuilds when one differs;
// - dist/writer-thread.mjs and its chunks: the engine's writer thread, an ES module (a worker thread cannot
//   start from a snapshot).
// What a snapshot cannot hold waits in stand-ins until first used (FIRST_USE_PACKAGES and RUN_TIME_* below,
// scripts/snapshot/first-use.ts).
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { SNAPSHOT_STAMP, snapshotStamp } from "./snapshot/stamp.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SERVER_BUNDLE = "dist/server.cjs";
export const SERVER_SNAPSHOT = "dist/server.blob";

/** How production starts the server (npm start, npm run serve, the e2e tests, the bench): from its snapshot. */
export const serverArgs = (root = ROOT): string[] => ["--snapshot-blob", path.join(root, SERVER_SNAPSHOT)];

/**
 * Packages only some steps use, loaded the first time one runs instead of parsed and run by every start
 * (the writer thread's too): the language nodes' stemmers (740 KB, every Snowball language in one file)
 * and sentiment lexicon, and libphonenumber's metadata (first needed by a phone number).
 */
const FIRST_USE_PACKAGES = ["snowball-stemmers", "sentiment", "libphonenumber-js"];
/**
 * In the snapshot, also: native addons (a snapshot holds no native state), Next and better-auth (loaded once
 * the server listens, from node_modules), Prisma's client runtime and query compiler (on the first Prisma query),
 * and the mail and CSV packages (on the first mail or import; with what they import, half the bundle): what
 * a snapshot holds, a start deserializes.
 */
const RUN_TIME_PACKAGES = ["better-sqlite3", "re2", "next", "better-auth", "@prisma/client", "nodemailer", "smtp-server", "mailparser", "papaparse"];
/** And node's built-ins that do not work when loaded into a snapshot (node 20 refuses http; a worker started from
 * one whose worker_threads was loaded at build time has no working process.cwd()). */
const RUN_TIME_BUILTINS = ["http", "https", "tls", "http2", "worker_threads"];

const exactly = (names: string[]) => new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})(/.*)?$`);

/**
 * Turns each import of the named modules into a stand-in (scripts/snapshot/first-use.ts) that loads the real
 * one when first used; dynamic imports of any built-in too (a snapshot's code has no dynamic import()).
 * `format` says how the stand-in loads it: the ES module's banner require(), or, in the snapshot, a require()
 * made from the bundle's own place (a snapshot's own require() loads only built-ins).
 */
function firstUse(packages: string[], builtins: string[], format: "esm" | "cjs"): Plugin {
  const helper = path.join(ROOT, "scripts/snapshot/first-use.ts");
  const builtin = new RegExp(`^(node:)?(${builtins.join("|")})$`);
  const named = exactly(packages);
  return {
    name: "loaded-on-first-use",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === "first-use") return args.path === helper ? undefined : { path: args.path, external: true };
        const isBuiltin = builtin.test(args.path) || (format === "cjs" && args.kind === "dynamic-import" && args.path.startsWith("node:"));
        if (!isBuiltin && !named.test(args.path)) return undefined;
        // The `.mjs` of Prisma's query compiler is not this stand-in's format: the stand-in is CommonJS.
        return { path: args.path.replace(/\.mjs$/, ".first-use"), namespace: "first-use", pluginData: { name: args.path, isBuiltin } };
      });
      b.onLoad({ filter: /.*/, namespace: "first-use" }, (args) => {
        const { name, isBuiltin } = args.pluginData as { name: string; isBuiltin: boolean };
        const keys = Object.keys(createRequire(path.join(ROOT, "package.json"))(name) as object);
        const load =
          isBuiltin || format === "esm" ? `require(${JSON.stringify(name)})` : `require("node:module").createRequire(__filename)(${JSON.stringify(name)})`;
        return {
          loader: "js",
          resolveDir: ROOT,
          contents: `const { loadedOnFirstUse } = require(${JSON.stringify(helper)});\nmodule.exports = loadedOnFirstUse(${JSON.stringify(name)}, ${JSON.stringify(keys)}, () => ${load});`,
        };
      });
    },
  };
}

const common: BuildOptions = {
  absWorkingDir: ROOT,
  outdir: "dist",
  bundle: true,
  // sentiment's optional `require("../languages/" + code)` matches no file: it ships English only, which it imports by name.
  logOverride: { "empty-glob": "silent" },
  platform: "node",
  target: "node20",
  logLevel: "warning",
};

/** The server's one CommonJS file, from which the snapshot is built. */
export const serverBuild: BuildOptions = {
  ...common,
  entryPoints: { server: "server.ts" },
  format: "cjs",
  outExtension: { ".js": ".cjs" },
  inject: ["scripts/snapshot/import-meta-url.ts"],
  define: { "import.meta.url": "importMetaUrl" },
  plugins: [firstUse([...FIRST_USE_PACKAGES, ...RUN_TIME_PACKAGES], RUN_TIME_BUILTINS, "cjs")],
};

/**
 * The writer thread's ES module (and, with their own entry points, the bench's and the tests' children); what
 * it needs only sometimes (nodemailer, a channel's fake) goes to chunks imported when first used.
 */
export const writerThreadBuild: BuildOptions = {
  ...common,
  entryPoints: { "writer-thread": "engine/writer/writer-thread.ts" },
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  // Native addons find their compiled binding from their own place in node_modules; Next and better-auth are never used there.
  external: ["better-sqlite3", "re2", "next", "better-auth", "@prisma/client/runtime/*.wasm-base64.mjs"],
  // Bundled CommonJS packages call require() for node's built-ins; an ES module has none of its own.
  banner: { js: `import { createRequire as createBundleRequire } from "node:module";\nconst require = createBundleRequire(import.meta.url);` },
  plugins: [firstUse(FIRST_USE_PACKAGES, [], "esm")],
};

/** How long building the snapshot may take: a module that left a timer or a server open while it loaded holds the build up for ever. */
const SNAPSHOT_BUILD_MS = 120_000;

/**
 * Runs the bundle under `node --build-snapshot`; a module that made what a snapshot cannot hold aborts it, and the
 * error says what to look for. Without NODE_OPTIONS: a V8 flag there (`--max-old-space-size` for `next build`)
 * would go into the snapshot, which a node started without that flag refuses.
 */
export function buildSnapshot(bundle = path.join(ROOT, SERVER_BUNDLE), blob = path.join(ROOT, SERVER_SNAPSHOT)) {
  // No warnings: node says, for each built-in a snapshot loads, that it is "not yet fully verified" there.
  const run = spawnSync(process.execPath, ["--no-warnings", "--snapshot-blob", blob, "--build-snapshot", bundle], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
    timeout: SNAPSHOT_BUILD_MS,
  });
  if (run.status === 0) return;
  const said = `${run.stderr}`
    .split("\n")
    .filter((l) => !/^\s*\d+: 0x|^\s*$/.test(l))
    .slice(0, 12)
    .join("\n");
  const why = run.error?.message.includes("ETIMEDOUT") ? `not done after ${SNAPSHOT_BUILD_MS / 1000} s` : (run.signal ?? `exit ${run.status}`);
  throw new Error(
    `node could not build the start-up snapshot (${why}). A module made, while it loaded, what a snapshot cannot hold: ` +
      "an Intl object, a regexp V8 compiled to machine code (one run many times), an open handle or a timer. Make it lazy (see engine/outbound/addresses.ts).\n" +
      said,
  );
}

/** Builds dist/: the server's bundle and snapshot, and the writer thread's script and chunks (dropping what earlier builds left). */
export async function buildServer() {
  // A build that fails leaves no snapshot (and no stamp) that npm start could take for this one.
  for (const stale of ["dist/chunks", SERVER_SNAPSHOT, SNAPSHOT_STAMP]) rmSync(path.join(ROOT, stale), { recursive: true, force: true });
  await Promise.all([build(serverBuild), build(writerThreadBuild)]);
  buildSnapshot();
  writeFileSync(path.join(ROOT, SNAPSHOT_STAMP), `${snapshotStamp(ROOT)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await buildServer();
  console.log(`Built ${SERVER_BUNDLE}, its start-up snapshot ${SERVER_SNAPSHOT} and the writer thread in ${Math.round(performance.now() - started)} ms`);
}
