// `npm run audit:verify [-- --json]`: checks the audit trail's hash chain in OMNIFLOW_DB (default
// data/omniflow.db). Exit code 0: intact; 1: a row was edited, removed or re-linked; 2: no database.
import { existsSync } from "node:fs";
import { createEngine } from "../engine/index";
import { defaultDbFile } from "../engine/store/db";

const file = defaultDbFile();
if (!existsSync(file)) {
  console.error(`No database at ${file} (set OMNIFLOW_DB to check another file).`);
  process.exit(2);
}
const engine = createEngine({ dbFile: file, background: false });
const verdict = engine.audit.verify();
await engine.close();

if (process.argv.includes("--json")) console.log(JSON.stringify(verdict));
else if (verdict.ok) console.log(`Audit trail intact: ${verdict.rows} rows in ${file}; last hash ${verdict.lastHash ?? "(none)"}.`);
else {
  const why = { missing: "is missing (removed)", altered: "was edited after it was written", relinked: "does not follow the row before it" }[verdict.reason];
  console.error(`Audit trail broken: row #${verdict.firstBadSeq} ${why} (${file}).`);
}
process.exit(verdict.ok ? 0 : 1);
