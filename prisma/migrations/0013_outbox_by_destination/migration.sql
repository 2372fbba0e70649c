-- CreateIndex
CREATE INDEX "OutboxMessage_status_destination_dueAt_idx" ON "OutboxMessage"("status", "destination", "dueAt");
