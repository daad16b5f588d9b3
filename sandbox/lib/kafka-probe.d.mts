// Types for kafka-probe.mjs.
import type { Probe } from '../sandbox.d.mts';

export declare function encodeApiVersionsRequest(correlationId: number): Buffer;
export declare function judgeApiVersionsAnswer(received: Buffer, correlationId: number): { ok: true } | { ok: false; error: string } | null;
export declare function firstBroker(brokers: string): { host: string; port: number };
export declare function checkKafka(brokers: string, options?: { timeoutMs?: number }): Promise<Probe>;
