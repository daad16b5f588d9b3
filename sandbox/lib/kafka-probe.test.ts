// The Kafka probe's protocol bytes, and the probe against fake brokers that answer or do not.
import net from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { checkKafka, encodeApiVersionsRequest, firstBroker, judgeApiVersionsAnswer } from './kafka-probe.mjs';

/** An answer header: size, correlation id, error code (the rest of the body does not matter to the probe). */
function answer(correlationId: number, errorCode: number): Buffer {
  const body = Buffer.alloc(4 + 2 + 4);
  body.writeInt32BE(correlationId, 0);
  body.writeInt16BE(errorCode, 4);
  body.writeInt32BE(0, 6); // an empty api_versions array
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

describe('encodeApiVersionsRequest', () => {
  it('writes a size-prefixed ApiVersions v0 request with the correlation id and client id', () => {
    const request = encodeApiVersionsRequest(0x1234);
    expect(request.readInt32BE(0)).toBe(request.length - 4);
    expect(request.readInt16BE(4)).toBe(18); // ApiVersions
    expect(request.readInt16BE(6)).toBe(0); // version 0
    expect(request.readInt32BE(8)).toBe(0x1234);
    const clientIdLength = request.readInt16BE(12);
    expect(request.subarray(14, 14 + clientIdLength).toString()).toBe('slipway-sandbox-probe');
    expect(request.length).toBe(14 + clientIdLength);
  });
});

describe('judgeApiVersionsAnswer', () => {
  it('waits until the header is complete', () => {
    expect(judgeApiVersionsAnswer(answer(7, 0).subarray(0, 9), 7)).toBeNull();
  });

  it('accepts the answer to its own request', () => {
    expect(judgeApiVersionsAnswer(answer(7, 0), 7)).toEqual({ ok: true });
  });

  it('reports a Kafka error code', () => {
    expect(judgeApiVersionsAnswer(answer(7, 35), 7)).toEqual({ ok: false, error: 'ApiVersions error code 35' });
  });

  it('does not take another answer or another protocol for Kafka', () => {
    expect(judgeApiVersionsAnswer(answer(8, 0), 7)).toEqual({ ok: false, error: 'not a Kafka broker (bad ApiVersions answer)' });
    expect(judgeApiVersionsAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), 7)).toMatchObject({ ok: false });
  });
});

describe('firstBroker', () => {
  it('takes the first address of a bootstrap list', () => {
    expect(firstBroker('127.0.0.1:9192, 127.0.0.1:9193')).toEqual({ host: '127.0.0.1', port: 9192 });
    expect(firstBroker(' localhost:9092 ')).toEqual({ host: 'localhost', port: 9092 });
  });
});

describe('checkKafka', () => {
  const servers: net.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  });

  /** A fake broker that answers every request's correlation id with the given error code. */
  async function fakeBroker(errorCode: number): Promise<number> {
    const server = net.createServer((socket) => {
      socket.once('data', (request) => socket.end(answer(request.readInt32BE(8), errorCode)));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
    return (server.address() as net.AddressInfo).port;
  }

  it('reports a broker that answers ApiVersions as up', async () => {
    const port = await fakeBroker(0);
    expect(await checkKafka(`127.0.0.1:${port}`)).toMatchObject({ up: true });
  });

  it('reports a broker that answers with an error as down, with the code', async () => {
    const port = await fakeBroker(35);
    expect(await checkKafka(`127.0.0.1:${port}`)).toMatchObject({ up: false, error: 'ApiVersions error code 35' });
  });
});
