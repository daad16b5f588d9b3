-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "idpGroup" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'local';
