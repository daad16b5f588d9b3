import 'server-only';
import type { CompiledValue, ParsedOperator } from '@/server/abac/operators';
import type { ConditionExplanation, ContextValue, RequestContext } from '@/server/abac/types';

// How one condition (operator, key, values) meets the request context. Sources:
// - "Condition operators" (reference_policies_elements_condition_operators.html): a key absent from
//   the request makes the condition false, except for negated operators (StringNotEquals, ArnNotLike,
//   NotIpAddress, …), which are then true; `…IfExists` is true when the key is absent
//   ("…IfExists condition operators"); Null is true for an absent key when its value is "true".
// - "Conditions with multiple context keys or values" (reference_policies_condition-logic-multiple-
//   context-keys-or-values.html): several values of one key are OR'd; several keys and operators AND'd.
// - "Set operators for multivalued context keys" (reference_policies_condition-single-vs-multi-valued-
//   context-keys.html): ForAllValues is true when every request value matches, and when the key is
//   absent or empty; ForAnyValue is true when at least one matches, false when absent or empty. A
//   multivalued key (aws:TagKeys) used without a set operator matches nothing: the page says a
//   multivalued key needs a set operator, and @cloud-copilot/iam-simulate (confirmed with AWS at
//   re:Inforce 2025, IAM431) evaluates it so.

export type CompiledCondition = {
  operator: ParsedOperator;
  /** As written. */
  keyText: string;
  /** Lower-cased: context keys compare case-insensitively. */
  key: string;
  values: CompiledValue[];
};

const asList = (value: ContextValue): readonly string[] => (typeof value === 'string' ? [value] : value);

function testOne(condition: CompiledCondition, requestValue: string, context: RequestContext): boolean {
  const { values, operator } = condition;
  if (operator.base?.negated) {
    for (const value of values) if (value.test(requestValue, context) !== false) return false;
    return true;
  }
  for (const value of values) if (value.test(requestValue, context) === true) return true;
  return false;
}

/** Whether the condition holds for the request. */
export function evaluateCondition(condition: CompiledCondition, context: RequestContext): boolean {
  const { operator } = condition;
  const value = context.get(condition.key);
  const isAbsent = value === undefined || (typeof value !== 'string' && value.length === 0);
  if (!operator.base) {
    const goal = isAbsent ? 'true' : 'false';
    return condition.values.some((v) => v.raw.toLowerCase() === goal);
  }
  if (operator.set === 'ForAllValues') {
    if (isAbsent) return true;
    return asList(value).every((v) => testOne(condition, v, context));
  }
  if (operator.set === 'ForAnyValue') {
    if (isAbsent) return operator.ifExists;
    return asList(value).some((v) => testOne(condition, v, context));
  }
  if (isAbsent) return operator.ifExists || operator.base.negated;
  if (typeof value !== 'string') return false;
  return testOne(condition, value, context);
}

/** The condition with its resolved values and result, for a decision's explanation. */
export function explainCondition(condition: CompiledCondition, context: RequestContext): ConditionExplanation {
  const value = context.get(condition.key);
  return {
    operator: condition.operator.text,
    key: condition.keyText,
    values: condition.values.map((v) => v.raw),
    resolved: {
      values: condition.values.map((v) => v.resolve(context)),
      keyValues: value === undefined ? null : [...asList(value)],
    },
    result: evaluateCondition(condition, context),
  };
}
