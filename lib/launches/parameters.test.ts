import { describe, expect, it } from 'vitest';
import type { TemplateParameterDto } from '@/lib/blueprints/types';
import { maskSecrets, parameterKind, pickerResourceType, validateParameters, validateParameterValue, validateStackName } from './parameters';

const p = (over: Partial<TemplateParameterDto>): TemplateParameterDto => ({ name: 'P', type: 'String', label: 'P', noEcho: false, required: true, ...over });

describe('validateParameterValue', () => {
  it('requires a value when there is no default, and uses the default otherwise', () => {
    expect(validateParameterValue(p({}), undefined)).toBe('P is required');
    expect(validateParameterValue(p({ default: 'x' }), undefined)).toBeNull();
    expect(validateParameterValue(p({ type: 'Number' }), '')).toBe('P is required');
  });

  it('checks numbers and their range, naming the label and the parameter', () => {
    const mem = p({ name: 'FunctionMemory', label: 'Memory (MB)', type: 'Number', minValue: 128, maxValue: 10240 });
    expect(validateParameterValue(mem, 'lots')).toBe('Memory (MB) (FunctionMemory) must be a number');
    expect(validateParameterValue(mem, '64')).toBe('Memory (MB) (FunctionMemory) must be between 128 and 10240');
    expect(validateParameterValue(mem, '10241')).toBe('Memory (MB) (FunctionMemory) must be between 128 and 10240');
    expect(validateParameterValue(mem, '1024')).toBeNull();
    expect(validateParameterValue(p({ type: 'Number', minValue: 1 }), '0')).toBe('P must be at least 1');
  });

  it('prefers the ConstraintDescription when the template gives one', () => {
    const batch = p({
      name: 'BatchSize',
      label: 'BatchSize',
      type: 'Number',
      minValue: 1,
      maxValue: 10000,
      constraintDescription: 'Batch size must be 1 to 10,000 messages.',
    });
    expect(validateParameterValue(batch, '0')).toBe('BatchSize: Batch size must be 1 to 10,000 messages.');
  });

  it('anchors AllowedPattern to the whole value and checks lengths and AllowedValues', () => {
    const email = p({ allowedPattern: '[^@]+@[^@]+', minLength: 3, maxLength: 20 });
    expect(validateParameterValue(email, 'a@b')).toBeNull();
    expect(validateParameterValue(email, 'not an email')).toBe('P must match the pattern [^@]+@[^@]+');
    expect(validateParameterValue(email, 'averyveryverylong@example.com')).toBe('P must be at most 20 characters');
    expect(validateParameterValue(p({ allowedValues: ['arm64', 'x86_64'] }), 'mips')).toBe('P must be one of arm64, x86_64');
  });

  it('checks list elements and AWS-specific ids', () => {
    expect(validateParameterValue(p({ type: 'List<Number>' }), '1, 2,x')).toBe('P x must be a number');
    expect(validateParameterValue(p({ type: 'List<Number>', maxValue: 5 }), '1,6')).toBe('P 6 must be at most 5');
    expect(validateParameterValue(p({ type: 'List<AWS::EC2::Subnet::Id>' }), 'subnet-0123abcd,subnet-zz')).toMatch(/subnet-zz must be a AWS::EC2::Subnet::Id/);
    expect(validateParameterValue(p({ type: 'AWS::EC2::VPC::Id' }), 'vpc-0123abcd')).toBeNull();
    expect(validateParameterValue(p({ type: 'CommaDelimitedList', allowedValues: ['a', 'b'] }), 'a,b')).toBeNull();
    expect(validateParameterValue(p({ type: 'CommaDelimitedList', allowedValues: ['a', 'b'] }), 'a,c')).toBe('P c must be one of a, b');
  });
});

describe('validateParameters', () => {
  it('fills defaults, reports every bad field and unknown names', () => {
    const params = [p({ name: 'A', default: 'x' }), p({ name: 'B', type: 'Number' })];
    const r = validateParameters(params, { B: 'nope', C: '1' });
    expect(r.values).toEqual({ A: 'x', B: 'nope' });
    expect(Object.keys(r.errors).sort()).toEqual(['B', 'C']);
    expect(r.errors.C).toBe('C is not a parameter of this blueprint');
  });
});

describe('helpers', () => {
  it('masks NoEcho values only', () => {
    const params = [p({ name: 'Key', noEcho: true }), p({ name: 'Name' })];
    expect(maskSecrets(params, { Key: 's3cr3t', Name: 'n' })).toEqual({ Key: '****', Name: 'n' });
  });

  it('classifies types for the form and its pickers', () => {
    expect(parameterKind('AWS::SSM::Parameter::Value<String>')).toBe('ssm');
    expect(pickerResourceType('List<AWS::EC2::SecurityGroup::Id>')).toBe('AWS::EC2::SecurityGroup::Id');
    expect(pickerResourceType('String')).toBeNull();
  });

  it('applies CloudFormation stack-name rules', () => {
    expect(validateStackName('orders-dev')).toBeNull();
    expect(validateStackName('1orders')).toMatch(/start with a letter/);
    expect(validateStackName('orders_dev')).toMatch(/letters, digits and dashes/);
    expect(validateStackName('a'.repeat(129))).toMatch(/at most 128/);
  });
});
