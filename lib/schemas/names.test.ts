import { describe, expect, it } from 'vitest';
import { displayNameSchema } from './names';
import { costScenarioBodySchema } from './cost-scenarios';
import { kafkaClusterInputSchema } from './kafka';
import { targetInputSchema } from './targets';
import { createTokenSchema } from './tokens';

const name = displayNameSchema('name', { max: 20 });
const messages = (input: unknown) => name.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('displayNameSchema', () => {
  it.each(['ci', 'Déploiement nocturne', 'دفع', '東京チーム', 'ok-name_1 (prod)'])('accepts %j', (value) => {
    expect(name.safeParse(value)).toEqual({ success: true, data: value });
  });

  it('trims, and names the field in the required and length rules', () => {
    expect(name.parse('  padded  ')).toBe('padded');
    expect(messages('   ')).toEqual(['name is required']);
    expect(messages(undefined)).toEqual(['name is required']);
    expect(messages(42)).toEqual(['name must be a string']);
    expect(messages('x'.repeat(21))).toEqual(['name must be at most 20 characters']);
    expect(displayNameSchema('name', { min: 2, max: 40 }).safeParse('a').error?.issues[0]?.message).toBe('name must be at least 2 characters');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a tab', 'a\tb'],
    ['a line break', 'first\nsecond'],
    ['DEL', 'a\u007fb'],
    ['a C1 control (NEL)', 'a\u0085b'],
  ])('refuses %s inside a name', (_what, value) => {
    expect(messages(value)).toEqual([expect.stringMatching(/^name must not contain control characters/)]);
  });

  it.each([
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['POP DIRECTIONAL FORMATTING', '\u202c'],
    ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
    ['LEFT-TO-RIGHT MARK', '\u200e'],
    ['RIGHT-TO-LEFT MARK', '\u200f'],
    ['ARABIC LETTER MARK', '\u061c'],
  ])('refuses %s', (_what, character) => {
    expect(messages(`ci-${character}kot.exe`)).toEqual([expect.stringMatching(/^name must not contain bidirectional formatting characters/)]);
  });
});

describe('names people give things', () => {
  const rlo = 'ci\u202egpj.exe';
  it.each([
    ['an API token', () => createTokenSchema.safeParse({ name: rlo })],
    ['a cost scenario', () => costScenarioBodySchema.safeParse({ name: rlo, kind: 'lambda', input: {} })],
    ['a Kafka cluster', () => kafkaClusterInputSchema.safeParse({ name: rlo, settings: { kind: 'plaintext', brokers: ['h:1'] } })],
    [
      'an AWS target',
      () =>
        targetInputSchema.safeParse({
          name: 'ci\u202e',
          accountId: '123456789012',
          regions: ['us-east-1'],
          roleArn: 'arn:aws:iam::123456789012:role/r',
          externalId: 'ext-id',
        }),
    ],
  ])('refuse a right-to-left override in %s', (_what, parse) => {
    const issue = parse().error?.issues.find((i) => i.path.join('.') === 'name');
    expect(issue?.message).toMatch(/^name must not contain bidirectional formatting characters/);
  });
});
