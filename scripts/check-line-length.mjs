// Fails when a source line is longer than MAX characters. Part of `npm run lint`.
// Biome's formatter wraps code at its lineWidth (biome.jsonc) but cannot break string literals,
// so long strings (class lists, template texts, word lists) are caught here: split or join them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 200;
const CHECKED = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|jsonc|css)$/;
// Generated or vendored: not written by hand.
const SKIPPED = /^(prisma\/generated\/|prisma\/migrations\/|bench\/out\/)|(^|\/)package-lock\.json$/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { encoding: "utf8" })
  .split("\0")
  .filter((file) => file && CHECKED.test(file) && !SKIPPED.test(file));

const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    if (line.length > MAX) long.push(`${file}:${i + 1} has ${line.length} characters`);
  });
}

if (long.length > 0) {
  console.error(long.join("\n"));
  console.error(`\n${long.length} line(s) longer than ${MAX} characters. Split them (the formatter cannot break strings).`);
  process.exit(1);
}
console.log(`Line length: ${files.length} files, no line over ${MAX} characters.`);
