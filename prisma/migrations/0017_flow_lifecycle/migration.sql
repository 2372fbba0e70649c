-- Flow lifecycle: deactivate without deleting, who published a version, which flow goes first where triggers overlap.
ALTER TABLE "Flow" ADD COLUMN "active" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "FlowVersion" ADD COLUMN "publishedBy" TEXT;
ALTER TABLE "FlowVersion" ADD COLUMN "publishedById" TEXT;

-- CreateTable
CREATE TABLE "TriggerPriority" (
    "claim" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    PRIMARY KEY ("claim", "flowId"),
    CONSTRAINT "TriggerPriority_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
