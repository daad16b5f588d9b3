export function tcpConnect(host: string, port: number, timeoutMs: number): Promise<import('node:net').Socket>;
export const describeError: (error: unknown) => string;
export function freePort(): Promise<number>;
export function requireFreePort(port: number, what: string, envVar?: string, part?: string): Promise<void>;
