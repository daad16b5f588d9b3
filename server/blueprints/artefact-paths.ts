import 'server-only';

import type { CfnTemplate } from './cfn-yaml';
import { objectOrEmpty, scalarToString } from './json';
import { listResources } from './template';

/** What a local path in a template stands for, which decides how it is packaged. */
export type LocalArtefactKind = 'lambda-code' | 'layer-content' | 'state-machine-definition' | 'nested-template';

/** A property holding a path relative to the template, as `aws cloudformation package` accepts. */
export interface LocalArtefactPath {
  logicalId: string;
  /** The resource type, which decides the shape of the packaged value (SAM's or CloudFormation's). */
  type: string;
  property: string;
  kind: LocalArtefactKind;
  path: string;
}

const PACKAGED_PROPERTIES: readonly { type: string; property: string; kind: LocalArtefactKind }[] = [
  { type: 'AWS::Lambda::Function', property: 'Code', kind: 'lambda-code' },
  { type: 'AWS::Lambda::LayerVersion', property: 'Content', kind: 'layer-content' },
  { type: 'AWS::StepFunctions::StateMachine', property: 'DefinitionS3Location', kind: 'state-machine-definition' },
  { type: 'AWS::CloudFormation::Stack', property: 'TemplateURL', kind: 'nested-template' },
  // SAM's own properties, as `sam package` uploads them.
  { type: 'AWS::Serverless::Function', property: 'CodeUri', kind: 'lambda-code' },
  { type: 'AWS::Serverless::LayerVersion', property: 'ContentUri', kind: 'layer-content' },
  { type: 'AWS::Serverless::StateMachine', property: 'DefinitionUri', kind: 'state-machine-definition' },
  { type: 'AWS::Serverless::Application', property: 'Location', kind: 'nested-template' },
];

/** True for a relative or absolute file path, false for URLs (https://, s3://) and empty strings. */
function isLocalPath(value: string): boolean {
  return value.trim() !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/** Every property in the template that points at a local file or folder to package. */
export function findLocalArtefactPaths(template: CfnTemplate): LocalArtefactPath[] {
  const found: LocalArtefactPath[] = [];
  for (const [logicalId, definition] of listResources(template)) {
    const type = scalarToString(definition.Type);
    const properties = objectOrEmpty(definition.Properties);
    for (const packaged of PACKAGED_PROPERTIES) {
      if (packaged.type !== type) continue;
      const value = properties[packaged.property];
      if (typeof value === 'string' && isLocalPath(value)) {
        found.push({ logicalId, type: packaged.type, property: packaged.property, kind: packaged.kind, path: value });
      }
    }
  }
  return found;
}
