import { describe, expect, it } from 'vitest';

import { collectReferences, subPlaceholders } from './intrinsics';

describe('collectReferences', () => {
  it('finds Ref and both GetAtt forms', () => {
    expect(collectReferences({ a: { Ref: 'Queue' }, b: { 'Fn::GetAtt': ['Table', 'Arn'] }, c: { 'Fn::GetAtt': 'Bus.Arn' } })).toEqual([
      { name: 'Queue' },
      { name: 'Table', attribute: 'Arn' },
      { name: 'Bus', attribute: 'Arn' },
    ]);
  });

  it('finds names and attributes inside Fn::Sub strings, skipping escaped ${!...}', () => {
    expect(collectReferences({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${Fn.Arn}/${!Literal}' })).toEqual([
      { name: 'AWS::Partition' },
      { name: 'Bucket' },
      { name: 'Fn', attribute: 'Arn' },
    ]);
  });

  it('resolves Fn::Sub list variables to their values instead of template names', () => {
    const value = { 'Fn::Sub': ['${Local}-${Global}', { Local: { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] } }] };
    expect(collectReferences(value)).toEqual([{ name: 'Global' }, { name: 'Stack', attribute: 'Outputs.Name' }]);
  });

  it('looks inside other intrinsics and arrays', () => {
    const value = { 'Fn::If': ['C', { 'Fn::Join': ['', [{ Ref: 'A' }, 'x']] }, [{ Ref: 'B' }]] };
    expect(collectReferences(value).map((reference) => reference.name)).toEqual(['A', 'B']);
  });

  it('lists placeholders in order', () => {
    expect(subPlaceholders('${A}-${B.C}-${ D }')).toEqual(['A', 'B.C', 'D']);
  });
});
