/**
 * SQLite's answers that mean "not now" rather than "never": another connection (often another
 * process: a backup, a migration, an admin's shell) holds the write lock, or the disk failed or
 * filled for a moment. The work that met one is intact and is tried again later, never given up on.
 */
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|PROTOCOL)/;

export function isStoreBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && TRANSIENT.test(code);
}
