-- CreateTable
CREATE TABLE "Launch" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "stackName" TEXT NOT NULL,
    "stackId" TEXT,
    "blueprintSlug" TEXT NOT NULL,
    "blueprintVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusReason" TEXT,
    "operation" TEXT,
    "parameters" TEXT NOT NULL DEFAULT '{}',
    "secretParameters" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "outputs" TEXT NOT NULL DEFAULT '[]',
    "templateBody" TEXT NOT NULL DEFAULT '{}',
    "clientRequestToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "settledAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Launch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LaunchEvent" (
    "id" TEXT NOT NULL,
    "launchId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "logicalId" TEXT NOT NULL,
    "physicalId" TEXT,
    "resourceType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "LaunchEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostScenario" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostScenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SfnRecentInput" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stateMachineArn" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SfnRecentInput_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Launch_clientRequestToken_key" ON "Launch"("clientRequestToken");

-- CreateIndex
CREATE INDEX "Launch_teamId_createdAt_idx" ON "Launch"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "Launch_targetId_region_stackName_idx" ON "Launch"("targetId", "region", "stackName");

-- CreateIndex
CREATE INDEX "Launch_operation_idx" ON "Launch"("operation");

-- CreateIndex
CREATE INDEX "LaunchEvent_launchId_timestamp_idx" ON "LaunchEvent"("launchId", "timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "LaunchEvent_launchId_eventId_key" ON "LaunchEvent"("launchId", "eventId");

-- CreateIndex
CREATE INDEX "CostScenario_userId_updatedAt_idx" ON "CostScenario"("userId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CostScenario_userId_name_key" ON "CostScenario"("userId", "name");

-- CreateIndex
CREATE INDEX "SfnRecentInput_userId_stateMachineArn_usedAt_idx" ON "SfnRecentInput"("userId", "stateMachineArn", "usedAt");

-- AddForeignKey
ALTER TABLE "LaunchEvent" ADD CONSTRAINT "LaunchEvent_launchId_fkey" FOREIGN KEY ("launchId") REFERENCES "Launch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
