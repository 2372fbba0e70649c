-- CreateTable
CREATE TABLE "EarlyDeliveryStatus" (
    "channel" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "providerId", "status")
);
