-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "mergedIntoId" TEXT;

-- CreateTable
CREATE TABLE "MergeSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "otherCustomerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "mergeId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CustomerMerge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT NOT NULL,
    "moved" TEXT NOT NULL,
    "took" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "splitAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CustomerIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'channel',
    "value" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CustomerIdentity_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CustomerIdentity" ("address", "channel", "createdAt", "customerId", "id") SELECT "address", "channel", "createdAt", "customerId", "id" FROM "CustomerIdentity";
DROP TABLE "CustomerIdentity";
ALTER TABLE "new_CustomerIdentity" RENAME TO "CustomerIdentity";
CREATE INDEX "CustomerIdentity_customerId_idx" ON "CustomerIdentity"("customerId");
CREATE INDEX "CustomerIdentity_kind_value_idx" ON "CustomerIdentity"("kind", "value");
CREATE UNIQUE INDEX "CustomerIdentity_channel_address_key" ON "CustomerIdentity"("channel", "address");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Existing identities keep working: each gets the normalised key lookups go by. Phone channels' addresses
-- in international form (+ and 7 to 15 digits, as Twilio and WhatsApp give them) become one E.164 phone
-- identity; e-mail addresses are trimmed and lower-cased; anything else stays a per-channel id.
UPDATE "CustomerIdentity" SET "value" = "address";
UPDATE "CustomerIdentity" SET "kind" = 'phone', "value" = '+' || replace(replace(replace(replace(replace(substr("address", 2), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')
WHERE "channel" IN ('sms', 'whatsapp', 'phone') AND "address" LIKE '+%'
  AND replace(replace(replace(replace(replace(substr("address", 2), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') GLOB '[1-9][0-9][0-9][0-9][0-9][0-9]*'
  AND replace(replace(replace(replace(replace(substr("address", 2), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '') NOT GLOB '*[^0-9]*'
  AND length(replace(replace(replace(replace(replace(substr("address", 2), ' ', ''), '-', ''), '(', ''), ')', ''), '.', '')) <= 15;
UPDATE "CustomerIdentity" SET "kind" = 'email', "value" = lower(trim("address")) WHERE "channel" = 'email' AND "address" LIKE '%_@_%';

-- CreateIndex
CREATE INDEX "MergeSuggestion_customerId_status_idx" ON "MergeSuggestion"("customerId", "status");

-- CreateIndex
CREATE INDEX "MergeSuggestion_otherCustomerId_status_idx" ON "MergeSuggestion"("otherCustomerId", "status");

-- CreateIndex
CREATE INDEX "CustomerMerge_survivorId_idx" ON "CustomerMerge"("survivorId");

-- CreateIndex
CREATE INDEX "CustomerMerge_mergedId_idx" ON "CustomerMerge"("mergedId");

-- CreateIndex (a customer's timeline, merges and erasure find their instances and tasks)
CREATE INDEX "Instance_customerId_idx" ON "Instance"("customerId");

-- CreateIndex
CREATE INDEX "Task_customerId_idx" ON "Task"("customerId");
