// TCP on the loopback: connect with a timeout, and find out whether a port is free before a server wants it.
import net from 'node:net';

import { SandboxStartError } from './errors.mjs';
import { HOST } from './paths.mjs';

/** A connected socket, or a rejection after timeoutMs. */
export function tcpConnect(host, port, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${host}:${port} timed out`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** An error as a probe reports it: `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1234`. */
export const describeError = (error) => (error?.code ? `${error.code}: ${error.message}` : String(error?.message ?? error));

function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throw a SandboxStartError naming the port and the variable that moves it when another program holds it. */
export async function requireFreePort(port, what, envVar, part) {
  if (await isPortFree(port)) return;
  throw new SandboxStartError(
    `Port ${HOST}:${port} (${what}) is already in use by another program. ` + `Stop that program or choose another port with ${envVar}.`,
    { part },
  );
}

/** A TCP port on the loopback that nothing listens on right now (the system picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: HOST, port: 0 }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
