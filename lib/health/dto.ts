export type DependencyName = 'database' | 'sandbox-aws' | 'kafka';

export type DependencyHealth = {
  name: DependencyName;
  label: string;
  status: 'up' | 'down' | 'not-used';
  latencyMs: number | null;
  /** Plain words for people: what is wrong and how to fix it. Never secrets or connection strings. */
  message: string;
};

export type HealthReport = {
  status: 'ok' | 'degraded';
  checkedAt: string;
  dependencies: DependencyHealth[];
};
