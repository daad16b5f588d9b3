-- DropIndex
DROP INDEX "KafkaLagSample_clusterId_at_idx";

-- DropIndex
DROP INDEX "KafkaGroupLagPoint_clusterId_at_idx";
