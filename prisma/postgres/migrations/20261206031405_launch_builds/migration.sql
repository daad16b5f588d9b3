-- AlterTable
ALTER TABLE "Launch" ADD COLUMN     "builds" TEXT;
