import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateEventSourceMappingCommand, CreateFunctionCommand, DeleteEventSourceMappingCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { sandboxConfig, uid } from './sfn';

/**
 * A Lambda function in the sandbox account with a self-managed Kafka event source mapping on the
 * sandbox broker, reading `topic` as consumer group `groupId` (the sandbox records it; nothing polls).
 */
export async function createKafkaConsumerFunction(topic: string, groupId: string): Promise<{ functionName: string; remove: () => Promise<void> }> {
  const functionName = `e2e-consumer-${uid()}`;
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  const role = await new IAMClient(sandboxConfig()).send(new CreateRoleCommand({ RoleName: functionName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const lambda = new LambdaClient(sandboxConfig());
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: 'nodejs20.x',
      Role: role.Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: zipSync({ 'index.js': strToU8('exports.handler = async () => ({});') }) },
    }),
  );
  const brokers = process.env.SANDBOX_KAFKA_BROKERS;
  if (!brokers) throw new Error('SANDBOX_KAFKA_BROKERS is not set: run through `npm test`');
  const mapping = await lambda.send(
    new CreateEventSourceMappingCommand({
      FunctionName: functionName,
      SelfManagedEventSource: { Endpoints: { KAFKA_BOOTSTRAP_SERVERS: [brokers.split(',')[0]!] } },
      Topics: [topic],
      StartingPosition: 'TRIM_HORIZON',
      SelfManagedKafkaEventSourceConfig: { ConsumerGroupId: groupId },
    }),
  );
  return { functionName, remove: async () => void (await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID }))) };
}
