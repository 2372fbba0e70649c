-- AlterTable
ALTER TABLE "Message" ADD COLUMN "subject" TEXT;

-- CreateIndex
CREATE INDEX "Message_providerId_idx" ON "Message"("providerId");
