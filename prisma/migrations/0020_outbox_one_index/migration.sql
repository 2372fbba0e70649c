-- The dispatcher selects by (status, destination, dueAt) only (store/outbox.ts): the other two status
-- indexes cost every queued effect two more index inserts, and every settle two more moves.

-- DropIndex
DROP INDEX "OutboxMessage_status_dueAt_idx";

-- DropIndex
DROP INDEX "OutboxMessage_status_createdAt_idx";
