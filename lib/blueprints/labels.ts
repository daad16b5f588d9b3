import type { DashboardKind } from '@/lib/blueprints/types';

export const dashboardLabels: Record<DashboardKind, string> = {
  stepfunctions: 'Step Functions executions',
  'sns-audit': 'SNS audit findings',
  kafka: 'Kafka consumer lag',
  abac: 'ABAC tag mappings',
  cost: 'Cost estimator',
};

export const dashboardHref: Record<DashboardKind, string> = {
  stepfunctions: '/executions',
  'sns-audit': '/audit',
  kafka: '/kafka',
  abac: '/abac',
  cost: '/cost',
};
