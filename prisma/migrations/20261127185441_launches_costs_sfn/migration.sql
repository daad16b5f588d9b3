-- CreateTable
CREATE TABLE "Launch" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    "deletedAt" DATETIME
);

-- CreateTable
CREATE TABLE "LaunchEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "launchId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "logicalId" TEXT NOT NULL,
    "physicalId" TEXT,
    "resourceType" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    CONSTRAINT "LaunchEvent_launchId_fkey" FOREIGN KEY ("launchId") REFERENCES "Launch" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostScenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SfnRecentInput" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "stateMachineArn" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "usedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
