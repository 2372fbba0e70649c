// `npm start`: builds on first run (or when OMNIFLOW_REBUILD=1): the web app (`next build`) and the server
// bundle (dist/server.mjs); then runs the server in this process, which creates and migrates the SQLite
// file and seeds the demo on an empty database.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

// `npm start` is the demo: its staff (README) sign in with the demo password. Set OMNIFLOW_DEMO=0 for a real deployment.
process.env.OMNIFLOW_DEMO ??= "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const SERVER = "dist/server.mjs";
if (!existsSync(".next/BUILD_ID") || !existsSync(SERVER) || process.env.OMNIFLOW_REBUILD === "1") {
  console.log("Building the web app and the server (first start only, about a minute)...");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(SERVER).href);
