import { describe, expect, it } from 'vitest';
import { describeChoiceRule } from './choice-rule-label';

describe('describeChoiceRule', () => {
  it.each([
    [{ Variable: '$.count', NumericEquals: 3 }, '$.count == 3'],
    [{ Variable: '$.count', NumericLessThan: 3 }, '$.count < 3'],
    [{ Variable: '$.count', NumericGreaterThan: 10 }, '$.count > 10'],
    [{ Variable: '$.count', NumericLessThanEquals: 3.5 }, '$.count <= 3.5'],
    [{ Variable: '$.count', NumericGreaterThanEquals: -1 }, '$.count >= -1'],
    [{ Variable: '$.count', NumericEqualsPath: '$.limit' }, '$.count == $.limit'],
    [{ Variable: '$.count', NumericLessThanPath: '$.limit' }, '$.count < $.limit'],
    [{ Variable: '$.count', NumericGreaterThanPath: '$.limit' }, '$.count > $.limit'],
    [{ Variable: '$.count', NumericLessThanEqualsPath: '$.limit' }, '$.count <= $.limit'],
    [{ Variable: '$.count', NumericGreaterThanEqualsPath: '$.limit' }, '$.count >= $.limit'],
    [{ Variable: '$.name', StringEquals: 'web' }, '$.name == "web"'],
    [{ Variable: '$.name', StringLessThan: 'm' }, '$.name < "m"'],
    [{ Variable: '$.name', StringGreaterThan: 'm' }, '$.name > "m"'],
    [{ Variable: '$.name', StringLessThanEquals: 'm' }, '$.name <= "m"'],
    [{ Variable: '$.name', StringGreaterThanEquals: 'm' }, '$.name >= "m"'],
    [{ Variable: '$.name', StringEqualsPath: '$.other' }, '$.name == $.other'],
    [{ Variable: '$.name', StringLessThanPath: '$.other' }, '$.name < $.other'],
    [{ Variable: '$.name', StringGreaterThanEqualsPath: '$.other' }, '$.name >= $.other'],
    [{ Variable: '$.file', StringMatches: 'log-*.txt' }, '$.file matches "log-*.txt"'],
    [{ Variable: '$.ok', BooleanEquals: true }, '$.ok == true'],
    [{ Variable: '$.ok', BooleanEqualsPath: '$.expected' }, '$.ok == $.expected'],
    [{ Variable: '$.at', TimestampEquals: '2024-01-01T00:00:00Z' }, '$.at == "2024-01-01T00:00:00Z"'],
    [{ Variable: '$.at', TimestampLessThan: '2024-01-01T00:00:00Z' }, '$.at < "2024-01-01T00:00:00Z"'],
    [{ Variable: '$.at', TimestampGreaterThanEquals: '2024-01-01T00:00:00Z' }, '$.at >= "2024-01-01T00:00:00Z"'],
    [{ Variable: '$.at', TimestampLessThanEqualsPath: '$.deadline' }, '$.at <= $.deadline'],
    [{ Variable: '$.x', IsPresent: true }, '$.x is present'],
    [{ Variable: '$.x', IsPresent: false }, '$.x is not present'],
    [{ Variable: '$.x', IsNull: true }, '$.x is null'],
    [{ Variable: '$.x', IsNull: false }, '$.x is not null'],
    [{ Variable: '$.x', IsNumeric: true }, '$.x is numeric'],
    [{ Variable: '$.x', IsString: false }, '$.x is not a string'],
    [{ Variable: '$.x', IsBoolean: true }, '$.x is a boolean'],
    [{ Variable: '$.x', IsTimestamp: true }, '$.x is a timestamp'],
  ])('renders %j as %s', (rule, expected) => {
    expect(describeChoiceRule({ ...rule, Next: 'X' })).toBe(expected);
  });

  it('joins And / Or and wraps Not and nested compounds', () => {
    expect(
      describeChoiceRule({
        And: [
          { Variable: '$.a', IsPresent: true },
          {
            Or: [
              { Variable: '$.b', NumericLessThan: 1 },
              { Variable: '$.b', NumericGreaterThan: 9 },
            ],
          },
          { Not: { Variable: '$.c', StringEquals: 'x' } },
        ],
        Next: 'X',
      }),
    ).toBe('$.a is present and ($.b < 1 or $.b > 9) and not ($.c == "x")');
  });

  it('shows JSONata conditions as written and flags what it cannot read', () => {
    expect(describeChoiceRule({ Condition: '{% $states.input.n > 1 %}', Next: 'X' })).toBe('{% $states.input.n > 1 %}');
    expect(describeChoiceRule({ Variable: '$.x', Sparkles: 1, Next: 'X' })).toBe('$.x (unrecognised rule)');
  });
});
