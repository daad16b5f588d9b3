-- CreateTable
CREATE TABLE "ResourceAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "tagValue" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ResourceAssignment_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "AwsTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ResourceAssignment_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KafkaGroupPrefix" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ResourceAssignment_targetId_idx" ON "ResourceAssignment"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceAssignment_targetId_teamId_kind_pattern_tagValue_key" ON "ResourceAssignment"("targetId", "teamId", "kind", "pattern", "tagValue");

-- CreateIndex
CREATE INDEX "KafkaGroupPrefix_clusterId_idx" ON "KafkaGroupPrefix"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "KafkaGroupPrefix_clusterId_prefix_key" ON "KafkaGroupPrefix"("clusterId", "prefix");

-- CreateIndex
CREATE INDEX "LaunchEvent_physicalId_idx" ON "LaunchEvent"("physicalId");
