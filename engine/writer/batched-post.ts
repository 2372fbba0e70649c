/**
 * Messages to the other thread posted in one turn travel as one array: the receiver wakes once for a
 * burst, and its group commit takes the burst together (one message per command doubled the CPU per
 * message of in-process intake, bench (f1)). A message that cannot be cloned is handed to `refused`
 * instead of failing its batch.
 */
export function batchedPost<M>(port: { postMessage(batch: M[]): void }, schedule: (flush: () => void) => void, refused: (m: M, error: unknown) => void) {
  let batch: M[] = [];
  const flush = () => {
    const out = batch;
    batch = [];
    if (out.length === 0) return;
    try {
      port.postMessage(out);
    } catch {
      for (const m of out) {
        try {
          port.postMessage([m]);
        } catch (error) {
          refused(m, error);
        }
      }
    }
  };
  const post = (message: M) => {
    if (batch.length === 0) schedule(flush);
    batch.push(message);
  };
  /** Forgets what was not sent yet (the receiver died: its messages are answered as refused already). */
  const drop = () => {
    batch = [];
  };
  return Object.assign(post, { drop });
}
