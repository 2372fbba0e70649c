-- CreateTable
CREATE TABLE "ChannelSetting" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "sealedSecrets" TEXT,
    "updatedAt" DATETIME NOT NULL
);
