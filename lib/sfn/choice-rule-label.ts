import type { AslChoiceRule } from './asl-types';

// Choice edges are labelled with their rule in words, as the console's graph does, so a reader can see
// why an execution went one way without opening the definition.

const COMPARISON_SYMBOLS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
};

// Order matters: the longer suffixes must be tried before `LessThan` / `GreaterThan`.
const COMPARISON_SUFFIXES = ['LessThanEquals', 'GreaterThanEquals', 'LessThan', 'GreaterThan', 'Equals'] as const;
const VALUE_KINDS = ['String', 'Numeric', 'Boolean', 'Timestamp'] as const;

const TYPE_TESTS: Record<string, [positive: string, negative: string]> = {
  IsPresent: ['is present', 'is not present'],
  IsNull: ['is null', 'is not null'],
  IsNumeric: ['is numeric', 'is not numeric'],
  IsString: ['is a string', 'is not a string'],
  IsBoolean: ['is a boolean', 'is not a boolean'],
  IsTimestamp: ['is a timestamp', 'is not a timestamp'],
};

function renderValue(kind: (typeof VALUE_KINDS)[number], value: unknown): string {
  if (kind === 'Numeric' || kind === 'Boolean') return String(value);
  return JSON.stringify(value);
}

/** Find the one operator field of a simple rule (`NumericGreaterThan`, `StringEqualsPath`, `IsNull` ...). */
function describeOperator(rule: AslChoiceRule, variable: string): string | undefined {
  for (const [field, value] of Object.entries(rule)) {
    const typeTest = TYPE_TESTS[field];
    if (typeTest) return `${variable} ${value === false ? typeTest[1] : typeTest[0]}`;
    if (field === 'StringMatches') return `${variable} matches ${JSON.stringify(value)}`;
    for (const kind of VALUE_KINDS) {
      if (!field.startsWith(kind)) continue;
      const rest = field.slice(kind.length);
      const isPath = rest.endsWith('Path');
      const suffix = isPath ? rest.slice(0, -'Path'.length) : rest;
      if (!(COMPARISON_SUFFIXES as readonly string[]).includes(suffix)) continue;
      const operand = isPath ? String(value) : renderValue(kind, value);
      return `${variable} ${COMPARISON_SYMBOLS[suffix]} ${operand}`;
    }
  }
  return undefined;
}

function isCompound(rule: AslChoiceRule): boolean {
  return Array.isArray(rule.And) || Array.isArray(rule.Or) || rule.Not !== undefined;
}

function wrapIfCompound(rule: AslChoiceRule): string {
  const text = describeChoiceRule(rule);
  return isCompound(rule) && !rule.Not ? `(${text})` : text;
}

/** Render a Choice rule in words: `$.count > 10`, `$.a is present and not ($.b == "x")`. */
export function describeChoiceRule(rule: AslChoiceRule): string {
  if (typeof rule.Condition === 'string') return rule.Condition;
  if (Array.isArray(rule.And)) return rule.And.map(wrapIfCompound).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map(wrapIfCompound).join(' or ');
  if (rule.Not) return `not (${describeChoiceRule(rule.Not)})`;
  const variable = typeof rule.Variable === 'string' ? rule.Variable : '$';
  return describeOperator(rule, variable) ?? `${variable} (unrecognised rule)`;
}
