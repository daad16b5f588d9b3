-- CreateTable
CREATE TABLE "KafkaClusterHealth" (
    "clusterId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KafkaClusterHealth_pkey" PRIMARY KEY ("clusterId")
);
