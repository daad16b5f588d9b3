import type { TemplateParameterDto } from '@/lib/blueprints/types';

// CloudFormation parameter rules, checked in the browser as you type and again on the server
// before anything reaches AWS (the sandbox does not check them at all).

const AWS_ID_PATTERNS: Record<string, { pattern: RegExp; example: string }> = {
  'AWS::EC2::VPC::Id': { pattern: /^vpc-[0-9a-f]{8,17}$/, example: 'vpc-0abc1234' },
  'AWS::EC2::Subnet::Id': { pattern: /^subnet-[0-9a-f]{8,17}$/, example: 'subnet-0abc1234' },
  'AWS::EC2::SecurityGroup::Id': { pattern: /^sg-[0-9a-f]{8,17}$/, example: 'sg-0abc1234' },
  'AWS::EC2::Instance::Id': { pattern: /^i-[0-9a-f]{8,17}$/, example: 'i-0abc1234' },
  'AWS::EC2::Image::Id': { pattern: /^ami-[0-9a-f]{8,17}$/, example: 'ami-0abc1234' },
  'AWS::EC2::KeyPair::KeyName': { pattern: /^.{1,255}$/, example: 'my-key' },
  'AWS::EC2::AvailabilityZone::Name': { pattern: /^[a-z]{2}-[a-z]+-\d[a-z]$/, example: 'us-east-1a' },
  'AWS::Route53::HostedZone::Id': { pattern: /^Z[A-Z0-9]{1,32}$/, example: 'Z123EXAMPLE' },
  'AWS::SSM::Parameter::Name': { pattern: /^[a-zA-Z0-9_.\-/]{1,2048}$/, example: '/app/setting' },
};

/** How the form should render and split a parameter type. */
export type ParameterKind = 'string' | 'number' | 'list' | 'number-list' | 'aws-id' | 'aws-id-list' | 'ssm';

export function parameterKind(type: string): ParameterKind {
  if (type === 'Number') return 'number';
  if (type === 'List<Number>') return 'number-list';
  if (type === 'CommaDelimitedList') return 'list';
  if (type.startsWith('AWS::SSM::Parameter::Value<')) return 'ssm';
  if (type.startsWith('List<AWS::')) return 'aws-id-list';
  if (type.startsWith('AWS::')) return 'aws-id';
  return 'string';
}

/** The AWS resource type a picker should list for this parameter type, e.g. AWS::EC2::Subnet::Id. */
export function pickerResourceType(type: string): string | null {
  const kind = parameterKind(type);
  if (kind === 'aws-id') return type;
  if (kind === 'aws-id-list') return type.slice('List<'.length, -1);
  if (kind === 'ssm') return 'AWS::SSM::Parameter::Name';
  return null;
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

const isNumber = (v: string) => /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v.trim());

function checkScalar(p: TemplateParameterDto, value: string, elementType: 'string' | 'number' | string): string | null {
  if (elementType === 'number') {
    if (!isNumber(value)) return 'must be a number';
    const n = Number(value);
    if (p.minValue !== undefined && n < p.minValue)
      return p.maxValue !== undefined ? `must be between ${p.minValue} and ${p.maxValue}` : `must be at least ${p.minValue}`;
    if (p.maxValue !== undefined && n > p.maxValue)
      return p.minValue !== undefined ? `must be between ${p.minValue} and ${p.maxValue}` : `must be at most ${p.maxValue}`;
  } else if (elementType !== 'string') {
    const rule = AWS_ID_PATTERNS[elementType];
    if (rule && !rule.pattern.test(value)) return `must be a ${elementType} such as ${rule.example}`;
  }
  if (p.allowedValues?.length && !p.allowedValues.includes(value)) return `must be one of ${p.allowedValues.join(', ')}`;
  if (p.minLength !== undefined && value.length < p.minLength) return `must be at least ${p.minLength} characters`;
  if (p.maxLength !== undefined && value.length > p.maxLength) return `must be at most ${p.maxLength} characters`;
  // CloudFormation matches AllowedPattern against the whole value.
  if (p.allowedPattern !== undefined && !new RegExp(`^(?:${p.allowedPattern})$`, 'u').test(value)) return `must match the pattern ${p.allowedPattern}`;
  return null;
}

/**
 * The error for one value, or null when it is valid. Messages name the parameter; the template's
 * ConstraintDescription, when it has one, replaces our wording of the rule.
 */
export function validateParameterValue(p: TemplateParameterDto, raw: string | undefined): string | null {
  const value = raw ?? p.default;
  const name = p.label && p.label !== p.name ? `${p.label} (${p.name})` : p.name;
  if (value === undefined || (value === '' && p.type !== 'String' && p.type !== 'CommaDelimitedList')) {
    return `${name} is required`;
  }
  const kind = parameterKind(p.type);
  let problem: string | null;
  if (kind === 'list' || kind === 'number-list' || kind === 'aws-id-list') {
    const items = splitList(value);
    if (kind !== 'list' && items.length === 0) return `${name} is required`;
    const element = kind === 'number-list' ? 'number' : kind === 'aws-id-list' ? p.type.slice(5, -1) : 'string';
    problem = null;
    for (const item of items) {
      const itemProblem = checkScalar(p, item, element);
      if (itemProblem) {
        problem = `${item} ${itemProblem}`;
        break;
      }
    }
  } else {
    problem = checkScalar(p, value, kind === 'number' ? 'number' : kind === 'aws-id' ? p.type : 'string');
  }
  if (!problem) return null;
  return p.constraintDescription ? `${name}: ${p.constraintDescription}` : `${name} ${problem}`;
}

export type ParameterValidation = {
  /** Every template parameter with the value CloudFormation will get (defaults filled in). */
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** Validates a whole parameter set; unknown names are errors too. */
export function validateParameters(params: TemplateParameterDto[], input: Record<string, string>): ParameterValidation {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  const known = new Set(params.map((p) => p.name));
  for (const key of Object.keys(input)) if (!known.has(key)) errors[key] = `${key} is not a parameter of this blueprint`;
  for (const p of params) {
    const error = validateParameterValue(p, input[p.name]);
    if (error) errors[p.name] = error;
    const value = input[p.name] ?? p.default;
    if (value !== undefined) values[p.name] = value;
  }
  return { values, errors };
}

/** The value shown in place of a secret, everywhere a parameter set is displayed or stored. */
export const MASKED = '****';

/** A parameter set safe to show, log or store: NoEcho values replaced by a mask. */
export function maskSecrets(params: TemplateParameterDto[], values: Record<string, string>): Record<string, string> {
  const secret = new Set(params.filter((p) => p.noEcho).map((p) => p.name));
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secret.has(k) ? MASKED : v]));
}

/** CloudFormation's stack-name rule. */
export function validateStackName(name: string): string | null {
  if (!name) return 'stackName is required';
  if (name.length > 128) return 'stackName must be at most 128 characters';
  if (!/^[A-Za-z][-A-Za-z0-9]*$/.test(name)) return 'stackName must start with a letter and contain only letters, digits and dashes';
  return null;
}
