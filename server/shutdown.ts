/**
 * The server's shutdown on SIGINT / SIGTERM: `close` runs once (stop taking requests, let the ones in
 * flight finish, close the engine). Exiting before it is done loses nothing (every 202 was on disk first;
 * unsent messages stay queued for the next start), so it is bounded: past `deadlineMs`, or on a second
 * signal, the process exits at once. A terminal's Ctrl-C reaches both `npm start`, which passes it on,
 * and this process: a repeat within `repeatMs` is that same keypress, not a second one.
 */
export type ShutdownOptions = {
  close: () => Promise<void>;
  deadlineMs?: number;
  repeatMs?: number;
  exit?: (code: number) => void;
  log?: (line: string) => void;
  now?: () => number;
};

export function createShutdown(options: ShutdownOptions): (signal: string) => void {
  const { close, deadlineMs = 10_000, repeatMs = 1000, exit = process.exit, log = console.error, now = Date.now } = options;
  let since: number | null = null;
  const giveUp = (why: string) => {
    log(`${why}: exiting now. Every accepted event is on disk; unsent messages are sent after the next start.`);
    exit(1);
  };
  return (signal) => {
    if (since !== null) {
      if (now() - since >= repeatMs) giveUp(`${signal} again while shutting down`);
      return;
    }
    since = now();
    log(`${signal}: shutting down (press Ctrl-C again to stop at once)`);
    setTimeout(() => giveUp(`Shutdown not done after ${deadlineMs / 1000} s`), deadlineMs).unref();
    close().then(
      () => exit(0),
      (error) => {
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        exit(1);
      },
    );
  };
}
