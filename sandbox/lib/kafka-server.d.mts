// Types for kafka-server.mjs (the pure parts the unit tests use).
export declare const KAFKA_LOG4J: string;
export interface MskIamListener {
  port: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}
export declare function kafkaServerProperties(options: { kafkaDir: string; port: number; controllerPort: number; mskIam?: MskIamListener }): string;
export declare function newClusterId(): string;
