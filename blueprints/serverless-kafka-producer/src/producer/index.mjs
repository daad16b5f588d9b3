// Kafka producer behind API Gateway, instrumented with Powertools for AWS Lambda (TypeScript) as in
// the post: structured logs with the Lambda context, one EMF metric per record and an X-Ray
// subsegment around each send. Slipway bundles it with its dependencies at launch (none of them is in
// the Lambda runtime), from package-lock.json.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';

const REGION = process.env.AWS_REGION;
const TOPIC = process.env.TOPIC_NAME;
// IAM: the MSK IAM listener (TLS + SASL/OAUTHBEARER). NONE: a plaintext listener (the Slipway sandbox broker).
const AUTH_MODE = process.env.KAFKA_AUTH_MODE ?? 'IAM';

const logger = new Logger({ serviceName: 'kafka-producer' });
const metrics = new Metrics({ namespace: 'SlipwayKafkaProducer', serviceName: 'kafka-producer' });
const tracer = new Tracer({ serviceName: 'kafka-producer' });

const kafka = new Kafka({
  clientId: 'slipway-serverless-producer',
  brokers: (process.env.BOOTSTRAP_BROKERS ?? '').split(','),
  ...(AUTH_MODE === 'IAM'
    ? {
        ssl: true,
        sasl: {
          mechanism: 'oauthbearer',
          // A fresh SigV4-signed token per (re)connection; tokens are valid for at most 15 minutes.
          oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region: REGION })).token }),
        },
      }
    : {}),
  // Back off between attempts: each broker accepts only about 20 IAM authentications per second.
  retry: { initialRetryTime: 1000, retries: 3 },
  logLevel: logLevel.WARN,
});

// Created outside the handler so warm invocations reuse the authenticated connection.
const producer = kafka.producer({ allowAutoTopicCreation: false });
let connecting;

function ensureConnected() {
  connecting ??= producer.connect().catch((error) => {
    connecting = undefined; // let the next invocation try again
    throw error;
  });
  return connecting;
}

export const handler = async (event, context) => {
  logger.addContext(context);
  const segment = tracer.getSegment();
  const subsegment = segment?.addNewSubsegment('## produce');
  if (subsegment) tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    if (body.length === 0) return reply(400, 'The request body is empty.');
    try {
      await ensureConnected();
      // send() resolves once the brokers acknowledged the record, so nothing is left buffered when Lambda freezes.
      const [result] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: context.awsRequestId, value: body }] });
      tracer.putAnnotation('topic', TOPIC);
      logger.info('record written', { topic: TOPIC, partition: result?.partition, offset: result?.baseOffset });
      metrics.addMetric('recordsWritten', MetricUnit.Count, 1);
      return reply(200, 'Message successfully pushed to Kafka.');
    } catch (error) {
      tracer.addErrorAsMetadata(error);
      logger.error('could not write to Kafka', { error });
      metrics.addMetric('recordsFailed', MetricUnit.Count, 1);
      return reply(500, 'The message could not be written to Kafka.');
    }
  } finally {
    metrics.publishStoredMetrics();
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
  }
};

function reply(statusCode, message) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) };
}
