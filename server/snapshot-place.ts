import { realpathSync } from "node:fs";
import path from "node:path";

const real = (file: string) => {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
};

/**
 * Why this process must not go on from its start-up snapshot, or null. The snapshot keeps the folder it was built
 * in (`builtIn`): its stand-ins load packages, and the server finds its writer thread and migrations, from there.
 * Started from a copy elsewhere, it would quietly use another release's node_modules; `npm start` rebuilds, a
 * plain `node --snapshot-blob` stops here and says so.
 */
export function snapshotMisplaced(builtIn: string, execArgv: string[] = process.execArgv, cwd = process.cwd()): string | null {
  const at = execArgv.indexOf("--snapshot-blob");
  const blob = at >= 0 ? execArgv[at + 1] : execArgv.find((arg) => arg.startsWith("--snapshot-blob="))?.slice("--snapshot-blob=".length);
  if (!blob) return null;
  const here = real(path.dirname(path.resolve(cwd, blob)));
  if (here === real(builtIn)) return null;
  return `${blob} was built in ${builtIn}, not here (${here}): build the server here first (npm run build, or npx tsx scripts/build-server.ts)`;
}
