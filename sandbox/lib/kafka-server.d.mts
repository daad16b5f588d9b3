// Types for kafka-server.mjs (the pure parts the unit tests use).
export declare const KAFKA_LOG4J: string;
export declare function kafkaServerProperties(options: { kafkaDir: string; port: number; controllerPort: number }): string;
export declare function newClusterId(): string;
