-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT,
    "nodeId" TEXT,
    "queueId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "outcomes" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 1,
    "dueAt" BIGINT,
    "customerId" TEXT,
    "conversationId" TEXT,
    "operatorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Task_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "Queue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("completedAt", "conversationId", "createdAt", "customerId", "id", "instanceId", "nodeId", "operatorId", "outcome", "outcomes", "queueId", "status", "steps", "title") SELECT "completedAt", "conversationId", "createdAt", "customerId", "id", "instanceId", "nodeId", "operatorId", "outcome", "outcomes", "queueId", "status", "steps", "title" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_status_priority_createdAt_idx" ON "Task"("status", "priority", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
