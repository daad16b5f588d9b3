-- AlterTable
ALTER TABLE "Launch" DROP COLUMN "secretParameters",
ADD COLUMN     "activeKey" TEXT,
ADD COLUMN     "changeSetId" TEXT,
ADD COLUMN     "pendingChanges" TEXT,
ADD COLUMN     "requestHash" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Launch_activeKey_key" ON "Launch"("activeKey");
