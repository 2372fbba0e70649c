import { randomFillSync } from "node:crypto";

let last = 0;
let counter = 0;
// crypto.getRandomValues costs ~5 µs a call here; draw the random tail from a pooled buffer.
const pool = Buffer.alloc(8 * 512);
let offset = pool.length;

/**
 * Time-ordered ids (UUIDv7-like): sorting by id gives creation order, even for rows written in the
 * same millisecond, so a timeline ordered by (createdAt, id) reads in the order it happened.
 */
export function newId(): string {
  const now = Date.now();
  counter = now === last ? counter + 1 : 0;
  last = now;
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const tail = pool.toString("hex", offset, (offset += 8));
  return `${now.toString(16).padStart(12, "0")}-${counter.toString(16).padStart(4, "0")}-${tail}`;
}
