import { describe, expect, it } from 'vitest';
import { mergeTags } from './tags';

const required = { 'project-name': 'falcon', 'cost-center': 'CC-1001', owner: '' };

describe('mergeTags', () => {
  it('applies required tags, defaults the owner, and keeps extras', () => {
    const r = mergeTags(required, { env: 'dev' }, { owner: 'farah@example.com' });
    expect(r.errors).toEqual({});
    expect(r.tags).toEqual({ 'project-name': 'falcon', 'cost-center': 'CC-1001', owner: 'farah@example.com', env: 'dev' });
  });

  it('lets the launcher set a required tag but not blank it', () => {
    expect(mergeTags(required, { 'cost-center': 'CC-9' }, { owner: 'o' }).tags['cost-center']).toBe('CC-9');
    expect(mergeTags(required, { 'cost-center': '' }, { owner: 'o' }).tags['cost-center']).toBe('CC-1001');
    expect(mergeTags({ team: '' }, {}).errors).toEqual({ 'tags.team': 'tags.team is required by your team' });
  });

  it('refuses reserved and malformed keys and long values', () => {
    const r = mergeTags({}, { 'aws:x': '1', ['k'.repeat(128)]: '1', ok: 'v'.repeat(256) });
    expect(Object.keys(r.errors).sort()).toEqual(['tags.aws:x', `tags.${'k'.repeat(128)}`, 'tags.ok'].sort());
  });

  it('keeps tags named like built-in object properties', () => {
    const r = mergeTags(required, { constructor: 'c', toString: 't', hasOwnProperty: 'h' }, { owner: 'o' });
    expect(r.errors).toEqual({});
    expect(r.tags).toMatchObject({ constructor: 'c', toString: 't', hasOwnProperty: 'h' });
  });
});
