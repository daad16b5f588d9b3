-- AlterTable
ALTER TABLE "AwsTarget" ADD COLUMN     "serviceRoleArn" TEXT;
