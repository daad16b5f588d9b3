// Talking to the sandbox AWS account (moto) over HTTP: is it up, and wiping it.
import http from 'node:http';

import { describeError, tcpConnect } from './net.mjs';

function httpRequest(url, { method = 'GET', timeoutMs = 2000, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, timeout: timeoutMs, headers: body ? { 'content-type': 'application/json' } : {} }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (d) => (text += d));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${url} timed out`)));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Is the sandbox AWS account answering? TCP connect, then GET /moto-api/config.
 * @param {string} endpoint e.g. http://127.0.0.1:4566
 * @returns {Promise<{ up: boolean, latencyMs: number, error?: string }>}
 */
export async function checkAws(endpoint, { timeoutMs = 2000 } = {}) {
  const started = performance.now();
  try {
    const url = new URL(endpoint);
    const socket = await tcpConnect(url.hostname, Number(url.port || 80), timeoutMs);
    socket.destroy();
    const response = await httpRequest(new URL('/moto-api/config', url), { timeoutMs });
    // moto answers its config endpoint with 201 (sic); any 2xx with JSON is a live moto.
    if (response.status < 200 || response.status > 299) throw new Error(`moto answered HTTP ${response.status}`);
    JSON.parse(response.text);
    return { up: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { up: false, latencyMs: Math.round(performance.now() - started), error: describeError(error) };
  }
}

/** Wipe every resource in the sandbox account (moto keeps its configuration). */
export async function resetAws(endpoint) {
  const response = await httpRequest(new URL('/moto-api/reset', endpoint), { method: 'POST', timeoutMs: 10_000 });
  if (response.status !== 200) throw new Error(`moto reset answered HTTP ${response.status}: ${response.text.slice(0, 200)}`);
}
