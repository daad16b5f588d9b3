-- AlterTable
ALTER TABLE "KafkaGroupLagPoint" ADD COLUMN     "status" TEXT,
ADD COLUMN     "timeLagSeconds" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "KafkaGroupState" (
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "statusReason" TEXT NOT NULL,
    "timeLagSeconds" DOUBLE PRECISION,
    "timeLagUnknownPartitionCount" INTEGER NOT NULL,
    "timeLagEstimated" BOOLEAN NOT NULL,
    "totalLag" BIGINT NOT NULL,
    "maxPartitionLag" BIGINT,
    "partitionCount" INTEGER NOT NULL,
    "unknownLagPartitionCount" INTEGER NOT NULL,
    "aheadPartitionCount" INTEGER NOT NULL,
    "dataLostPartitionCount" INTEGER NOT NULL,
    "topics" TEXT NOT NULL,
    "state" TEXT,
    "memberCount" INTEGER,
    "partitions" TEXT NOT NULL,

    CONSTRAINT "KafkaGroupState_pkey" PRIMARY KEY ("clusterId","groupId")
);

-- CreateTable
CREATE TABLE "KafkaGroupWindow" (
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KafkaGroupWindow_pkey" PRIMARY KEY ("clusterId","groupId")
);

-- CreateIndex
CREATE INDEX "KafkaGroupState_clusterId_sampledAt_idx" ON "KafkaGroupState"("clusterId", "sampledAt");
