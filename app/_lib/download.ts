/** Saves JSON as a file through a Blob URL (no server round trip). */
export function downloadJson(filename: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file-name-safe form of a name (a flow's, a customer's); `fallback` when nothing is left. */
export const fileName = (name: string, fallback = "flow") =>
  name
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/^-+|-+$/g, "") || fallback;
