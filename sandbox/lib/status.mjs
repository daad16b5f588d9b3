// What runs for a data dir: the pid records plus live probes (what `sandbox status` prints).
import { checkAws } from './aws-probe.mjs';
import { checkKafka } from './kafka-probe.mjs';
import { HOST, dataPaths } from './paths.mjs';
import { recordedServer } from './records.mjs';

/** Each part's address (recorded, given, or the environment's default), pid and probe. */
export async function sandboxStatus({ dataDir, awsPort, kafkaPort } = {}) {
  const { pidDir } = dataPaths(dataDir);
  const awsRecord = recordedServer(pidDir, 'aws');
  const kafkaRecord = recordedServer(pidDir, 'kafka');
  const awsEndpoint = `http://${HOST}:${awsRecord?.port ?? awsPort ?? Number(process.env.SANDBOX_AWS_PORT ?? 4566)}`;
  const kafkaBrokers = `${HOST}:${kafkaRecord?.port ?? kafkaPort ?? Number(process.env.SANDBOX_KAFKA_PORT ?? 9092)}`;
  const [awsProbe, kafkaProbe] = await Promise.all([checkAws(awsEndpoint), checkKafka(kafkaBrokers)]);
  return {
    aws: { endpoint: awsEndpoint, pid: awsRecord?.pid ?? null, ...awsProbe },
    kafka: { brokers: kafkaBrokers, pid: kafkaRecord?.childPid ?? kafkaRecord?.pid ?? null, ...kafkaProbe },
  };
}
