// `npm start`: builds on first run (or when OMNIFLOW_REBUILD=1), and again when the sources or the installed packages
// changed since (scripts/build-stamp.mjs): the web app (`next build`) and the server (its bundle and start-up
// snapshot, scripts/build-server.ts); rebuilds the server alone when its snapshot was
// made by another node binary, in another folder or with other packages installed (it fits only those). Then runs
// the server from its snapshot, which creates and migrates the SQLite file and seeds the demo on an empty database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { buildIsCurrent } from "./build-stamp.mjs";
import { SNAPSHOT_STAMP, snapshotStamp } from "./snapshot/stamp.mjs";

// `npm start` is the demo: its staff (README) sign in with the demo password. Set OMNIFLOW_DEMO=0 for a real deployment.
process.env.OMNIFLOW_DEMO ??= "1";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const SNAPSHOT = "dist/server.blob";

const run = (command, args) => {
  const done = spawnSync(command, args, { stdio: "inherit" });
  if (done.status !== 0) process.exit(done.status ?? 1);
};
if (!existsSync(".next/BUILD_ID") || !existsSync(SNAPSHOT) || process.env.OMNIFLOW_REBUILD === "1") {
  console.log("Building the web app and the server (first start only, about a minute)...");
  run("npm", ["run", "build"]);
} else if (!buildIsCurrent(process.cwd())) {
  console.log("Building the web app and the server again: the code or the installed packages changed since the last build...");
  run("npm", ["run", "build"]);
} else if (!existsSync(SNAPSHOT_STAMP) || readFileSync(SNAPSHOT_STAMP, "utf8").trim() !== snapshotStamp(process.cwd())) {
  console.log("Building the server again: its start-up snapshot was made by another node, in another folder or with other packages...");
  run("npx", ["tsx", "scripts/build-server.ts"]);
}

// The server is its own process (node starts a snapshot only as a process's main); signals reach it, and its end is ours.
// Node refuses a snapshot (exit 14) when its V8 flags differ from the build's (a --max-old-space-size in NODE_OPTIONS):
// the server then starts from its bundle, as the snapshot would have, only slower.
const SNAPSHOT_REFUSED = 14;
let server;
const startServer = (args, fallback) => {
  // The IPC channel closes when this process ends however it ends, and the server then shuts down (server.ts).
  server = spawn(process.execPath, args, { stdio: ["inherit", "inherit", "inherit", "ipc"] });
  server.on("error", (error) => {
    console.error("Omniflow could not start the server", error);
    process.exit(1);
  });
  server.on("exit", (code, signal) => {
    if (code === SNAPSHOT_REFUSED && fallback) return fallback();
    process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
  });
};
startServer(["--snapshot-blob", SNAPSHOT], () => {
  console.log("node refused the server's start-up snapshot (V8 flags in NODE_OPTIONS?): starting it from dist/server.cjs instead");
  startServer(["dist/server.cjs"]);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
