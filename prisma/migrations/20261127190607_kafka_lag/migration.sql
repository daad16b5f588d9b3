-- CreateTable
CREATE TABLE "KafkaCluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "secretsEncrypted" TEXT,
    "targetId" TEXT,
    "teamId" TEXT,
    "isSandbox" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KafkaLagSample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "logStartOffset" BIGINT NOT NULL,
    "logEndOffset" BIGINT NOT NULL,
    "committedOffset" BIGINT,
    "lag" BIGINT,
    "maxLag" BIGINT,
    "resolutionMs" INTEGER NOT NULL DEFAULT 0,
    "hasActiveOwner" BOOLEAN
);

-- CreateTable
CREATE TABLE "KafkaGroupLagPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "totalLag" BIGINT NOT NULL,
    "peakTotalLag" BIGINT NOT NULL,
    "maxPartitionLag" BIGINT,
    "partitionCount" INTEGER NOT NULL,
    "unknownLagPartitionCount" INTEGER NOT NULL,
    "dataLostPartitionCount" INTEGER NOT NULL,
    "resolutionMs" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE UNIQUE INDEX "KafkaCluster_name_key" ON "KafkaCluster"("name");

-- CreateIndex
CREATE INDEX "KafkaCluster_teamId_idx" ON "KafkaCluster"("teamId");

-- CreateIndex
CREATE INDEX "KafkaLagSample_clusterId_groupId_at_idx" ON "KafkaLagSample"("clusterId", "groupId", "at");

-- CreateIndex
CREATE INDEX "KafkaLagSample_clusterId_at_idx" ON "KafkaLagSample"("clusterId", "at");

-- CreateIndex
CREATE INDEX "KafkaGroupLagPoint_clusterId_groupId_at_idx" ON "KafkaGroupLagPoint"("clusterId", "groupId", "at");

-- CreateIndex
CREATE INDEX "KafkaGroupLagPoint_clusterId_at_idx" ON "KafkaGroupLagPoint"("clusterId", "at");
