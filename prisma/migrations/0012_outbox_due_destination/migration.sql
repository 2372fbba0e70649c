-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME,
    "dueAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "destination" TEXT NOT NULL DEFAULT ''
);
-- Rows written before: due since they were created; a send goes to its channel, an older HTTP call shares one destination.
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "doneAt", "id", "instanceId", "kind", "lastError", "payload", "status", "dueAt", "destination")
SELECT "attempts", "createdAt", "doneAt", "id", "instanceId", "kind", "lastError", "payload", "status", "createdAt",
       CASE "kind" WHEN 'message.send' THEN 'channel:' || json_extract("payload", '$.channel') ELSE "kind" END
FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");
CREATE INDEX "OutboxMessage_status_dueAt_idx" ON "OutboxMessage"("status", "dueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
