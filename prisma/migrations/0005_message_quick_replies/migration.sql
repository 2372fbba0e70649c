-- AlterTable
ALTER TABLE "Message" ADD COLUMN "buttons" TEXT;
