import 'server-only';

import type { BlueprintIssueDto } from '@/lib/blueprints/types';

import type { CfnTemplate } from './cfn-yaml';
import { objectOrEmpty } from './json';
import type { BlueprintMetadata } from './schema';
import { ruleParameters } from '@/lib/launches/parameter-rules';

const METADATA_FILE = 'blueprint.yaml';
const TEMPLATE_FILE = 'template.yaml';

/**
 * Checks blueprint.yaml against its template: every parameter and output it names exists, every
 * template output is explained, dashboards and the cost profile point at real names, and a
 * sandbox-deployable blueprint supplies a value for each parameter without a default.
 */
export function crossCheckBlueprint(slug: string, metadata: BlueprintMetadata, template: CfnTemplate): BlueprintIssueDto[] {
  const issues: BlueprintIssueDto[] = [];
  const parameters = objectOrEmpty(template.Parameters);
  const outputs = objectOrEmpty(template.Outputs);
  const issue = (field: string, message: string, file = METADATA_FILE) => issues.push({ slug, file, field, message });
  const needParameter = (field: string, name: string) => {
    if (!(name in parameters)) issue(field, `names parameter "${name}", which the template does not declare`);
  };
  const needOutput = (field: string, name: string) => {
    if (!(name in outputs)) issue(field, `names output "${name}", which the template does not declare`);
  };

  for (const name of Object.keys(metadata.parameters.fields)) needParameter(`parameters.fields.${name}`, name);
  metadata.parameters.rules?.forEach((rule, index) => {
    for (const key of ['when', 'require'] as const) {
      const comparison = rule[key];
      if (comparison) ruleParameters(comparison).forEach((name) => needParameter(`parameters.rules.${index}.${key}`, name));
    }
  });
  metadata.parameters.groups?.forEach((group, index) =>
    group.parameters.forEach((name, position) => needParameter(`parameters.groups.${index}.parameters.${position}`, name)),
  );

  for (const name of Object.keys(metadata.outputs)) needOutput(`outputs.${name}`, name);
  for (const name of Object.keys(outputs)) {
    if (!(name in metadata.outputs)) issue(`Outputs.${name}`, `output "${name}" has no meaning in ${METADATA_FILE}`, TEMPLATE_FILE);
  }

  metadata.dashboards.forEach((dashboard, index) => {
    const field = (key: string) => `dashboards.${index}.${key}`;
    switch (dashboard.kind) {
      case 'stepfunctions':
        needOutput(field('stateMachineArnOutput'), dashboard.stateMachineArnOutput);
        break;
      case 'sns-audit':
        needOutput(field('topicArnOutput'), dashboard.topicArnOutput);
        if (dashboard.auditLogGroupOutput) needOutput(field('auditLogGroupOutput'), dashboard.auditLogGroupOutput);
        break;
      case 'kafka':
        needParameter(field('clusterArnParameter'), dashboard.clusterArnParameter);
        if (dashboard.topicParameter) needParameter(field('topicParameter'), dashboard.topicParameter);
        if (dashboard.consumerGroupIdParameter) needParameter(field('consumerGroupIdParameter'), dashboard.consumerGroupIdParameter);
        break;
      case 'abac':
        dashboard.roleArnOutputs.forEach((name, i) => needOutput(field(`roleArnOutputs.${i}`), name));
        dashboard.functionArnOutputs.forEach((name, i) => needOutput(field(`functionArnOutputs.${i}`), name));
        break;
      case 'cost':
        dashboard.functionNameOutputs?.forEach((name, i) => needOutput(field(`functionNameOutputs.${i}`), name));
        break;
    }
  });

  if (metadata.cost.kind !== 'none') {
    for (const [input, name] of Object.entries(metadata.cost.parameterMap)) {
      if (name) needParameter(`cost.parameterMap.${input}`, name);
    }
  }

  const sandboxValues = metadata.sandboxParameters ?? {};
  for (const name of Object.keys(sandboxValues)) needParameter(`sandboxParameters.${name}`, name);
  if (metadata.sandbox.deployable) {
    for (const [name, definition] of Object.entries(parameters)) {
      if (objectOrEmpty(definition).Default === undefined && !(name in sandboxValues)) {
        issue('sandboxParameters', `parameter "${name}" has no default, so the sandbox launch needs a value for it`);
      }
    }
  }
  return issues;
}
