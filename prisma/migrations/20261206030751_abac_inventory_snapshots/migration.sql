-- CreateTable
CREATE TABLE "AbacInventorySnapshot" (
    "targetId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "readAt" DATETIME NOT NULL,
    "data" TEXT NOT NULL,

    PRIMARY KEY ("targetId", "region"),
    CONSTRAINT "AbacInventorySnapshot_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "AwsTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
