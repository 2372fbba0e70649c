import { downloadFile } from "@/app/_ui/download-file";

/** Saves JSON as a file (no server round trip). */
export function downloadJson(filename: string, data: unknown): void {
  downloadFile(filename, `${JSON.stringify(data, null, 2)}\n`, "application/json");
}

/** A file-name-safe form of a name (a flow's, a customer's); `fallback` when nothing is left. */
export const fileName = (name: string, fallback = "flow") =>
  name
    .trim()
    .replace(/[^\p{L}\p{N}._-]+/gu, "-")
    .replace(/^-+|-+$/g, "") || fallback;
