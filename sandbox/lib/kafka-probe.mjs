// Is a Kafka broker answering? One ApiVersions v0 round trip proves a Kafka broker (not just any
// program) owns the port, without a Kafka client library (this runs before node_modules exists).
import { describeError, tcpConnect } from './net.mjs';

const API_VERSIONS = 18;
const CLIENT_ID = 'slipway-sandbox-probe';
const CORRELATION_ID = 0x51ee;

/**
 * A size-prefixed ApiVersions v0 request: api key, version, correlation id, client id.
 * @param {number} correlationId
 */
export function encodeApiVersionsRequest(correlationId) {
  const clientId = Buffer.from(CLIENT_ID);
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(API_VERSIONS, 0);
  body.writeInt16BE(0, 2); // version 0
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

/**
 * Judge the bytes received so far: null while the answer's header (size, correlation id, error
 * code) is incomplete, else { ok } or { ok: false, error }.
 * @param {Buffer} received
 * @param {number} correlationId
 * @returns {{ ok: true } | { ok: false, error: string } | null}
 */
export function judgeApiVersionsAnswer(received, correlationId) {
  if (received.length < 10) return null;
  const answeredId = received.readInt32BE(4);
  const errorCode = received.readInt16BE(8);
  if (answeredId !== correlationId) return { ok: false, error: 'not a Kafka broker (bad ApiVersions answer)' };
  if (errorCode !== 0) return { ok: false, error: `ApiVersions error code ${errorCode}` };
  return { ok: true };
}

/**
 * The first broker of a bootstrap list: '127.0.0.1:9092,...' -> { host: '127.0.0.1', port: 9092 }.
 * @param {string} brokers
 */
export function firstBroker(brokers) {
  const first = String(brokers).split(',')[0].trim();
  const separator = first.lastIndexOf(':');
  return { host: first.slice(0, separator), port: Number(first.slice(separator + 1)) };
}

/**
 * Is the sandbox Kafka broker answering? TCP connect, then a Kafka ApiVersions round trip.
 * @param {string} brokers e.g. 127.0.0.1:9092 (the first broker is probed)
 * @returns {Promise<{ up: boolean, latencyMs: number, error?: string }>}
 */
export async function checkKafka(brokers, { timeoutMs = 2000 } = {}) {
  const started = performance.now();
  try {
    const { host, port } = firstBroker(brokers);
    const socket = await tcpConnect(host, port, timeoutMs);
    await new Promise((resolve, reject) => {
      let received = Buffer.alloc(0);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('no ApiVersions answer'));
      }, timeoutMs);
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        const verdict = judgeApiVersionsAnswer(received, CORRELATION_ID);
        if (!verdict) return;
        clearTimeout(timer);
        socket.destroy();
        if (verdict.ok) resolve(undefined);
        else reject(new Error(verdict.error));
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        reject(new Error('connection closed before an ApiVersions answer'));
      });
      socket.write(encodeApiVersionsRequest(CORRELATION_ID));
    });
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { up: false, latencyMs: Math.round(performance.now() - started), error: describeError(error) };
  }
}
