// The server half of `npm run build` (after `next build`): server.ts and everything it imports, packages
// included, in one ES module, dist/server.mjs, which production runs with plain node. Nothing is transpiled
// at start, and node's loader no longer resolves, reads and scans (for a CommonJS package's exports) a few
// hundred files one by one: that loading was most of the start-up time (issue 16, bench/README.md (c0)).
// Channel adapters are imported by convention (engine/channels/registry.ts: `./${name}/adapter.ts`): esbuild
// turns that template literal into a table of every engine/channels/*/adapter.ts, so a new folder needs no list.
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { build, type BuildOptions, type Plugin } from "esbuild";

export const SERVER_BUNDLE = "dist/server.mjs";

/**
 * Packages only some steps use, required the first time one runs instead of parsed and run by every start
 * (the writer thread's too): the language nodes' stemmers (740 KB, every Snowball language in one file)
 * and sentiment lexicon, and libphonenumber's metadata (first needed by a phone number). Each import of one
 * becomes a stand-in whose exports require the package when called; the code calls them in functions only.
 */
const FIRST_USE: Record<string, string> = {
  "snowball-stemmers": `export const newStemmer = (language) => require("snowball-stemmers").newStemmer(language);`,
  sentiment: `export default function Sentiment(options) { const Loaded = require("sentiment"); return new Loaded(options); }`,
  "libphonenumber-js": `export const parsePhoneNumberFromString = (...args) => require("libphonenumber-js").parsePhoneNumberFromString(...args);`,
};
const requiredOnFirstUse: Plugin = {
  name: "required-on-first-use",
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(FIRST_USE).join("|")})$`);
    // The stand-in's own require() stays a require of the real package, at run time.
    build.onResolve({ filter }, (args) => (args.kind === "require-call" ? { path: args.path, external: true } : { path: args.path, namespace: "first-use" }));
    build.onLoad({ filter: /.*/, namespace: "first-use" }, (args) => ({ contents: FIRST_USE[args.path], loader: "js" }));
  },
};

export const serverBuild: BuildOptions = {
  absWorkingDir: fileURLToPath(new URL("..", import.meta.url)),
  // The writer thread's script beside the server's: both share the chunks (engine/writer/thread.ts).
  entryPoints: { server: "server.ts", "writer-thread": "engine/writer/writer-thread.ts" },
  outdir: "dist",
  // What a start does not need (a channel's fake provider, nodemailer, the SMTP listener) goes to chunks
  // imported when first used, so a restart parses less before it takes webhooks.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  external: [
    // Native addons: their JavaScript finds the compiled binding from its own place in node_modules.
    "better-sqlite3",
    "re2",
    // Pages and sign-in, imported once the server listens (server.ts, engine/access/sign-in.ts).
    "next",
    "better-auth",
    // Prisma's query compiler, 4.3 MB of base64 imported on the first Prisma query: bundled, it would be parsed at start.
    "@prisma/client/runtime/*.wasm-base64.mjs",
  ],
  // Bundled CommonJS packages call require() for node's built-ins; an ES module has none of its own.
  banner: { js: `import { createRequire as createBundleRequire } from "node:module";\nconst require = createBundleRequire(import.meta.url);` },
  // sentiment's optional `require("../languages/" + code)` matches no file: it ships English only, which it imports by name.
  logOverride: { "empty-glob": "silent" },
  plugins: [requiredOnFirstUse],
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
};

/** Builds dist/server.mjs and its chunks, dropping the chunks of earlier builds. */
export async function buildServer() {
  rmSync(path.join(serverBuild.absWorkingDir!, "dist/chunks"), { recursive: true, force: true });
  await build(serverBuild);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await buildServer();
  console.log(`Bundled server.ts into ${SERVER_BUNDLE} in ${Math.round(performance.now() - started)} ms`);
}
