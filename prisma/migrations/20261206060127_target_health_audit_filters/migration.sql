-- AlterTable
ALTER TABLE "AwsTarget" ADD COLUMN "lastAnsweredAt" DATETIME;
ALTER TABLE "AwsTarget" ADD COLUMN "lastCheckedAt" DATETIME;
ALTER TABLE "AwsTarget" ADD COLUMN "lastError" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_actorEmail_at_idx" ON "AuditLog"("actorEmail", "at");

-- CreateIndex
CREATE INDEX "AuditLog_resourceType_at_idx" ON "AuditLog"("resourceType", "at");
