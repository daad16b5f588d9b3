-- AlterTable
ALTER TABLE "AwsTarget" ADD COLUMN     "lastAnsweredAt" TIMESTAMP(3),
ADD COLUMN     "lastCheckedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT;

-- CreateIndex
CREATE INDEX "AuditLog_actorEmail_at_idx" ON "AuditLog"("actorEmail", "at");

-- CreateIndex
CREATE INDEX "AuditLog_resourceType_at_idx" ON "AuditLog"("resourceType", "at");
