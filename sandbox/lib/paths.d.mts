// Types for paths.mjs.
export declare const REPO_ROOT: string;
export declare const HOST: '127.0.0.1';
export declare const KAFKA_MAIN_JAR: string;
export declare function toolPaths(root?: string): {
  root: string;
  tools: string;
  venv: string;
  python: string;
  kafkaLibs: string;
  mskIamClasses: string;
  mskIamSource: string;
  stamps: string;
  requirements: string;
  pom: string;
  launcher: string;
  pytestDir: string;
};
export declare function dataPaths(dataDir?: string): { root: string; pidDir: string; kafkaDir: string; logs: { aws: string; kafka: string } };
