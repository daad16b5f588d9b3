// Types for run-pytest.mjs.
export declare function runPytest(options?: {
  args?: string[];
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<number>;
