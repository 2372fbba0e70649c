let last = 0;
let counter = 0;

/**
 * Time-ordered ids (UUIDv7-like): sorting by id gives creation order, even for rows written in the
 * same millisecond, so a timeline ordered by (createdAt, id) reads in the order it happened.
 */
export function newId(): string {
  const now = Date.now();
  counter = now === last ? counter + 1 : 0;
  last = now;
  const random = crypto.getRandomValues(new Uint8Array(8));
  const tail = Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${now.toString(16).padStart(12, "0")}-${counter.toString(16).padStart(4, "0")}-${tail}`;
}
