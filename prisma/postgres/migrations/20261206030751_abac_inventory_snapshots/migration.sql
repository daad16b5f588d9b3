-- CreateTable
CREATE TABLE "AbacInventorySnapshot" (
    "targetId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "AbacInventorySnapshot_pkey" PRIMARY KEY ("targetId","region")
);

-- AddForeignKey
ALTER TABLE "AbacInventorySnapshot" ADD CONSTRAINT "AbacInventorySnapshot_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "AwsTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;
