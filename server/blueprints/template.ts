import 'server-only';

import type {
  CfnCapability,
  TemplateModelDto,
  TemplateOutputDto,
  TemplateParameterDto,
  TemplateParameterGroupDto,
  TemplateResourceDto,
} from '@/lib/blueprints/types';

import type { CfnTemplate } from './cfn-yaml';
import { isJsonObject, objectOrEmpty, scalarToString, toNumber, toStringList } from './json';
import { applySamGlobals } from './sam';
import type { BlueprintMetadata } from './schema';
import { serviceOfType } from './services';

/** The parts of blueprint.yaml that enrich the model: parameter labels/help/groups and output meanings. */
export type ModelMetadata = Pick<BlueprintMetadata, 'parameters' | 'outputs'>;

const IAM_RESOURCE_TYPES = new Set([
  'AWS::IAM::AccessKey',
  'AWS::IAM::Group',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::User',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::UserToGroupAddition',
]);

// The property that gives each IAM resource a custom name, which needs CAPABILITY_NAMED_IAM.
const IAM_NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
};

/** The template's Resources section as [logicalId, definition] pairs. */
export function listResources(template: CfnTemplate): [string, { [key: string]: unknown }][] {
  return Object.entries(objectOrEmpty(template.Resources)).map(([id, definition]) => [id, objectOrEmpty(definition)]);
}

/** Parameters with their constraints, labelled and grouped from the interface and blueprint metadata. */
function extractParameters(template: CfnTemplate, metadata?: ModelMetadata): TemplateParameterDto[] {
  const groups = extractParameterGroups(template, metadata);
  const groupOf = new Map(groups.flatMap((group) => group.parameters.map((name) => [name, group.label] as const)));
  const interfaceLabels = objectOrEmpty(objectOrEmpty(objectOrEmpty(template.Metadata)['AWS::CloudFormation::Interface']).ParameterLabels);

  return Object.entries(objectOrEmpty(template.Parameters)).map(([name, raw]) => {
    const definition = objectOrEmpty(raw);
    const field = metadata?.parameters.fields[name];
    const description = scalarToString(definition.Description);
    const defaultValue = scalarToString(definition.Default);
    const allowedValues = Array.isArray(definition.AllowedValues)
      ? definition.AllowedValues.map((value) => scalarToString(value) ?? JSON.stringify(value))
      : undefined;
    return dropUndefined({
      name,
      type: scalarToString(definition.Type) ?? 'String',
      label: field?.label ?? scalarToString(objectOrEmpty(interfaceLabels[name]).default) ?? name,
      group: groupOf.get(name),
      help: field?.help ?? description,
      description,
      default: defaultValue,
      allowedValues,
      allowedPattern: scalarToString(definition.AllowedPattern),
      minLength: toNumber(definition.MinLength),
      maxLength: toNumber(definition.MaxLength),
      minValue: toNumber(definition.MinValue),
      maxValue: toNumber(definition.MaxValue),
      constraintDescription: scalarToString(definition.ConstraintDescription),
      noEcho: definition.NoEcho === true || definition.NoEcho === 'true',
      required: defaultValue === undefined,
    });
  });
}

/**
 * Parameter groups: blueprint.yaml's groups win when it has them (they are what the catalog shows),
 * otherwise the template's AWS::CloudFormation::Interface groups.
 */
function extractParameterGroups(template: CfnTemplate, metadata?: ModelMetadata): TemplateParameterGroupDto[] {
  if (metadata?.parameters.groups) {
    return metadata.parameters.groups.map((group) => ({ label: group.label, parameters: [...group.parameters] }));
  }
  const cfnInterface = objectOrEmpty(objectOrEmpty(template.Metadata)['AWS::CloudFormation::Interface']);
  const groups = Array.isArray(cfnInterface.ParameterGroups) ? cfnInterface.ParameterGroups : [];
  return groups.filter(isJsonObject).map((group) => ({
    label: scalarToString(objectOrEmpty(group.Label).default) ?? 'Parameters',
    parameters: toStringList(group.Parameters),
  }));
}

/** Outputs with their descriptions and, from blueprint.yaml, what each one means. */
function extractOutputs(template: CfnTemplate, metadata?: ModelMetadata): TemplateOutputDto[] {
  return Object.entries(objectOrEmpty(template.Outputs)).map(([name, raw]) => {
    const output = objectOrEmpty(raw);
    return dropUndefined({
      name,
      description: scalarToString(output.Description),
      meaning: metadata?.outputs[name]?.meaning,
      exportName: isJsonObject(output.Export) ? output.Export.Name : undefined,
      condition: scalarToString(output.Condition),
    });
  });
}

/** Resources with type, service, properties (SAM resources with their Globals), DependsOn and Condition. */
function extractResources(template: CfnTemplate): TemplateResourceDto[] {
  return listResources(template).map(([logicalId, definition]) => {
    const type = scalarToString(definition.Type) ?? 'Unknown';
    return dropUndefined({
      logicalId,
      type,
      service: serviceOfType(type),
      dependsOn: toStringList(definition.DependsOn),
      condition: scalarToString(definition.Condition),
      properties: applySamGlobals(template, type, objectOrEmpty(definition.Properties)),
    });
  });
}

/**
 * Capabilities CreateStack must acknowledge for these templates (a root and its nested templates):
 * IAM resources need CAPABILITY_IAM, custom-named ones CAPABILITY_NAMED_IAM, and transforms or nested
 * stacks CAPABILITY_AUTO_EXPAND (the console asks for it with nested stacks).
 */
export function requiredCapabilities(templates: readonly CfnTemplate[]): CfnCapability[] {
  let iam = false;
  let namedIam = false;
  let autoExpand = false;
  for (const template of templates) {
    if (template.Transform !== undefined) autoExpand = true;
    for (const [, definition] of listResources(template)) {
      const type = scalarToString(definition.Type) ?? '';
      if (type === 'AWS::CloudFormation::Stack' || type.startsWith('AWS::Serverless::')) autoExpand = true;
      if (createsSamIamResources(template, type, definition)) iam = true;
      if (!IAM_RESOURCE_TYPES.has(type)) continue;
      iam = true;
      const nameProperty = IAM_NAME_PROPERTIES[type];
      if (nameProperty && objectOrEmpty(definition.Properties)[nameProperty] !== undefined) namedIam = true;
    }
  }
  const capabilities: CfnCapability[] = [];
  if (iam) capabilities.push('CAPABILITY_IAM');
  if (namedIam) capabilities.push('CAPABILITY_NAMED_IAM');
  if (autoExpand) capabilities.push('CAPABILITY_AUTO_EXPAND');
  return capabilities;
}

// SAM functions and state machines get a generated role unless they name one; connectors generate policies.
const SAM_ROLE_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Serverless::StateMachine']);

function createsSamIamResources(template: CfnTemplate, type: string, definition: { [key: string]: unknown }): boolean {
  if (type === 'AWS::Serverless::Connector' || definition.Connectors !== undefined) return true;
  return SAM_ROLE_TYPES.has(type) && applySamGlobals(template, type, objectOrEmpty(definition.Properties)).Role === undefined;
}

/** The model of a template the catalog page shows; `nested` are its nested templates, for capabilities. */
export function extractTemplateModel(
  template: CfnTemplate,
  metadata?: ModelMetadata,
  nested: readonly CfnTemplate[] = [],
): TemplateModelDto {
  return dropUndefined({
    description: scalarToString(template.Description),
    parameters: extractParameters(template, metadata),
    parameterGroups: extractParameterGroups(template, metadata),
    outputs: extractOutputs(template, metadata),
    resources: extractResources(template),
    capabilities: requiredCapabilities([template, ...nested]),
  });
}

// DTOs go to the client as JSON; leaving absent fields out keeps them small and `?:`-typed.
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
