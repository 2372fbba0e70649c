// `npm start`: builds the web app on first run (or when OMNIFLOW_REBUILD=1), then starts the
// server, which creates and migrates the SQLite file and seeds the demo on an empty database.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

// `npm start` is the demo: its staff (README) sign in with the demo password. Set OMNIFLOW_DEMO=0 for a real deployment.
const env = { OMNIFLOW_DEMO: "1", ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!existsSync(".next/BUILD_ID") || process.env.OMNIFLOW_REBUILD === "1") {
  console.log("Building the web app (first start only, about a minute)...");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn("npx", ["tsx", "server.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
