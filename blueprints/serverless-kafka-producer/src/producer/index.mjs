// Kafka producer behind API Gateway. Slipway bundles it with its dependencies at launch (kafkajs and
// the MSK IAM signer are not in the Lambda runtime), from package-lock.json.
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';

const REGION = process.env.AWS_REGION;
const TOPIC = process.env.TOPIC_NAME;

const kafka = new Kafka({
  clientId: 'slipway-serverless-producer',
  brokers: (process.env.BOOTSTRAP_BROKERS ?? '').split(','),
  ssl: true,
  sasl: {
    mechanism: 'oauthbearer',
    // A fresh SigV4-signed token per (re)connection; tokens are valid for at most 15 minutes.
    oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region: REGION })).token }),
  },
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
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (body.length === 0) return reply(400, 'The request body is empty.');
  try {
    await ensureConnected();
    // send() resolves once the brokers acknowledged the record, so nothing is left buffered when Lambda freezes.
    const [result] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: context.awsRequestId, value: body }] });
    console.log(JSON.stringify({ message: 'record written', topic: TOPIC, partition: result?.partition, offset: result?.baseOffset }));
    return reply(200, 'Message successfully pushed to Kafka.');
  } catch (error) {
    console.error(JSON.stringify({ message: 'could not write to Kafka', error: String(error) }));
    return reply(500, 'The message could not be written to Kafka.');
  }
};

function reply(statusCode, message) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) };
}
