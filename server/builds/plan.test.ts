import { describe, expect, it } from 'vitest';

import { handlerModule, nodeTarget, pipPlatform, planFunctionBuild, pythonVersion } from './plan';
import type { CfnTemplate } from '@/server/blueprints/cfn-yaml';

const template = (properties: Record<string, unknown>, parameters: Record<string, unknown> = {}): CfnTemplate =>
  ({ Parameters: parameters, Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: './src', ...properties } } } }) as CfnTemplate;

describe('planFunctionBuild', () => {
  it('plans a Node.js build from the runtime and handler, x86_64 by default', () => {
    expect(planFunctionBuild(template({ Runtime: 'nodejs22.x', Handler: 'index.handler' }), 'Fn', '/b/src')).toEqual({
      logicalId: 'Fn',
      sourceDir: '/b/src',
      runtime: 'nodejs22.x',
      family: 'nodejs',
      handler: 'index.handler',
      architecture: 'x86_64',
    });
  });

  it('reads the architecture through a parameter: the launch value first, then its default', () => {
    const t = template({ Runtime: 'python3.13', Handler: 'app.handler', Architectures: [{ Ref: 'Arch' }] }, { Arch: { Type: 'String', Default: 'arm64' } });
    expect(planFunctionBuild(t, 'Fn', '/s')?.architecture).toBe('arm64');
    expect(planFunctionBuild(t, 'Fn', '/s', { Arch: 'x86_64' })?.architecture).toBe('x86_64');
    expect(planFunctionBuild(t, 'Fn', '/s')?.family).toBe('python');
  });

  it('takes what a SAM function leaves out from Globals', () => {
    const sam = {
      Transform: 'AWS::Serverless-2016-10-31',
      Globals: { Function: { Runtime: 'nodejs22.x', Architectures: ['arm64'] } },
      Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: './src', Handler: 'app.handler' } } },
    } as CfnTemplate;
    expect(planFunctionBuild(sam, 'Fn', '/s')).toMatchObject({ runtime: 'nodejs22.x', handler: 'app.handler', architecture: 'arm64' });
  });

  it('plans nothing for other runtimes or a runtime it cannot read before launch', () => {
    expect(planFunctionBuild(template({ Runtime: 'java21', Handler: 'a.B::handle' }), 'Fn', '/s')).toBeNull();
    expect(planFunctionBuild(template({ Runtime: { 'Fn::GetAtt': ['X', 'Y'] }, Handler: 'index.handler' }), 'Fn', '/s')).toBeNull();
    expect(planFunctionBuild(template({ Runtime: 'nodejs22.x' }), 'Fn', '/s')).toBeNull();
  });
});

describe('runtime settings', () => {
  it('maps handlers, runtimes and architectures to what the tools take', () => {
    expect(handlerModule('src/app.handler')).toBe('src/app');
    expect(handlerModule('index.handler')).toBe('index');
    expect(nodeTarget('nodejs22.x')).toBe('node22');
    expect(pythonVersion('python3.13')).toBe('3.13');
    expect(pipPlatform('x86_64')).toBe('manylinux2014_x86_64');
    expect(pipPlatform('arm64')).toBe('manylinux2014_aarch64');
  });
});
