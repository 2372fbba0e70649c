/** "2 h 5 min": a delay as people read it (the two largest units). */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  if (rest === 0) return "0 s";
  const parts: string[] = [];
  for (const [unit, label] of [
    [86400, "d"],
    [3600, "h"],
    [60, "min"],
    [1, "s"],
  ] as const) {
    if (rest >= unit) parts.push(`${Math.floor(rest / unit)} ${label}`);
    rest %= unit;
  }
  return parts.slice(0, 2).join(" ");
}
