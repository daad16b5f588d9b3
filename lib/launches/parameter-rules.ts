// Rules across launch parameters that a template's own constraints cannot express (each parameter is
// checked alone there), declared in blueprint.yaml under `parameters.rules`. Pure: the form can run them too.

/** A parameter name, a number, or the product of several of them. */
export type RuleOperand = string | number | { product: (string | number)[] };

/** `left op right` over numeric parameter values. */
export type RuleComparison = { left: RuleOperand; op: '<' | '<=' | '>' | '>=' | '==' | '!='; right: RuleOperand };

/** Where `when` holds (always, without it), `require` must hold too; otherwise `message` is the error. */
export type ParameterRule = { when?: RuleComparison; require: RuleComparison; message: string };

function operandValue(operand: RuleOperand, values: Record<string, string>): number | undefined {
  if (typeof operand === 'number') return operand;
  if (typeof operand === 'string') {
    const raw = values[operand];
    const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? value : undefined;
  }
  let product = 1;
  for (const factor of operand.product) {
    const value = operandValue(factor, values);
    if (value === undefined) return undefined;
    product *= value;
  }
  return product;
}

/** True, false, or undefined when a value it needs is missing or not a number (the per-parameter check reports that). */
function holds(comparison: RuleComparison, values: Record<string, string>): boolean | undefined {
  const left = operandValue(comparison.left, values);
  const right = operandValue(comparison.right, values);
  if (left === undefined || right === undefined) return undefined;
  switch (comparison.op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** The parameter names a comparison reads, in order. */
export function ruleParameters(comparison: RuleComparison): string[] {
  const names = (operand: RuleOperand): string[] =>
    typeof operand === 'string' ? [operand] : typeof operand === 'number' ? [] : operand.product.flatMap((factor) => names(factor));
  return [...names(comparison.left), ...names(comparison.right)];
}

/**
 * The broken rules as field errors: each message is filed under the first parameter its `require`
 * reads (the one to change), and a parameter keeps its first message.
 */
export function checkParameterRules(rules: readonly ParameterRule[], values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const rule of rules) {
    if (rule.when && holds(rule.when, values) !== true) continue;
    if (holds(rule.require, values) !== false) continue;
    const field = ruleParameters(rule.require)[0];
    if (field && !(field in errors)) errors[field] = rule.message;
  }
  return errors;
}
