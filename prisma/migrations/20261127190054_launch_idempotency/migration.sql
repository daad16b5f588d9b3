-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Launch" (
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
    "activeKey" TEXT,
    "requestHash" TEXT NOT NULL,
    "changeSetId" TEXT,
    "pendingChanges" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "outputs" TEXT NOT NULL DEFAULT '[]',
    "templateBody" TEXT NOT NULL DEFAULT '{}',
    "clientRequestToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    "deletedAt" DATETIME
);
INSERT INTO "new_Launch" ("blueprintSlug", "blueprintVersion", "clientRequestToken", "createdAt", "createdById", "deletedAt", "id", "operation", "outputs", "parameters", "region", "settledAt", "stackId", "stackName", "status", "statusReason", "tags", "targetId", "teamId", "templateBody", "updatedAt") SELECT "blueprintSlug", "blueprintVersion", "clientRequestToken", "createdAt", "createdById", "deletedAt", "id", "operation", "outputs", "parameters", "region", "settledAt", "stackId", "stackName", "status", "statusReason", "tags", "targetId", "teamId", "templateBody", "updatedAt" FROM "Launch";
DROP TABLE "Launch";
ALTER TABLE "new_Launch" RENAME TO "Launch";
CREATE UNIQUE INDEX "Launch_activeKey_key" ON "Launch"("activeKey");
CREATE UNIQUE INDEX "Launch_clientRequestToken_key" ON "Launch"("clientRequestToken");
CREATE INDEX "Launch_teamId_createdAt_idx" ON "Launch"("teamId", "createdAt");
CREATE INDEX "Launch_targetId_region_stackName_idx" ON "Launch"("targetId", "region", "stackName");
CREATE INDEX "Launch_operation_idx" ON "Launch"("operation");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
