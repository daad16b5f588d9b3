import 'server-only';
import { computeAbacMatrix, type MatrixFunction, type MatrixPrincipal } from '@/server/abac/matrix';
import { compilePrincipalPolicies, decideCell, nameDecidingStatements } from '@/server/abac/statements';
import { AppError } from '@/server/errors';
import type { AbacWhatIf, WhatIfChange } from '@/lib/abac/types';
import type { AbacWhatIfBody } from '@/lib/schemas/abac-views';

// What-if: the inventory with some principals' tags or policies and some functions' tags replaced,
// decided again and compared cell by cell. Nothing is sent to AWS.

export type WhatIfInput = Pick<AbacWhatIfBody, 'action' | 'principals' | 'functions' | 'createFunction'>;

function notInInventory(field: string, arn: string): AppError {
  const fields: Record<string, string[]> = Object.create(null);
  fields[field] = [`${arn} is not in the inventory`];
  return new AppError('VALIDATION', `Invalid input — ${field}: ${arn} is not in the inventory`, { fields });
}

/** The principals and functions with the overrides applied; unknown ARNs are a validation error. */
export function applyWhatIfOverrides(principals: readonly MatrixPrincipal[], functions: readonly MatrixFunction[], input: WhatIfInput) {
  const principalEdits = new Map(input.principals.map((p) => [p.arn, p]));
  const functionEdits = new Map(input.functions.map((f) => [f.arn, f]));
  input.principals.forEach((p, i) => {
    if (!principals.some((x) => x.arn === p.arn)) throw notInInventory(`principals.${i}.arn`, p.arn);
  });
  input.functions.forEach((f, i) => {
    if (!functions.some((x) => x.arn === f.arn)) throw notInInventory(`functions.${i}.arn`, f.arn);
  });
  return {
    principals: principals.map((p) => {
      const edit = principalEdits.get(p.arn);
      return edit ? { ...p, tags: edit.tags ?? p.tags, policies: edit.policies ?? p.policies } : p;
    }),
    functions: functions.map((f) => {
      const edit = functionEdits.get(f.arn);
      return edit ? { ...f, tags: edit.tags } : f;
    }),
  };
}

/** Decides the action before and after the overrides and lists every cell that changed, plus CreateFunction with the chosen request tags. */
export function computeWhatIf(
  principals: readonly MatrixPrincipal[],
  functions: readonly MatrixFunction[],
  input: WhatIfInput,
  region: string,
): Omit<AbacWhatIf, 'target' | 'region' | 'readAt'> {
  const edited = applyWhatIfOverrides(principals, functions, input);
  const before = computeAbacMatrix(principals, functions, input.action);
  const after = computeAbacMatrix(edited.principals, edited.functions, input.action);
  const changes: WhatIfChange[] = [];
  after.cells.forEach((row, pi) =>
    row.forEach((decision, fi) => {
      const previous = before.cells[pi]?.[fi];
      if (previous && previous !== decision)
        changes.push({ principal: after.principals[pi]!.arn, function: after.functions[fi]!.arn, before: previous, after: decision });
    }),
  );
  const create = input.createFunction;
  const createFunction = create
    ? edited.principals.map((p) => {
        const account = /^arn:[^:]+:iam::(\d{12}):/.exec(p.arn)?.[1] ?? '000000000000';
        const fn: MatrixFunction = {
          arn: `arn:aws:lambda:${region}:${account}:function:${create.functionName}`,
          name: create.functionName,
          tags: {},
          resourcePolicy: null,
        };
        const result = decideCell(p, compilePrincipalPolicies(p), fn, null, 'lambda:CreateFunction', create.requestTags);
        return { principal: p.arn, name: p.name, decision: result.decision, decidingStatements: nameDecidingStatements(p, result) };
      })
    : null;
  return { action: input.action, counts: { before: before.counts, after: after.counts }, changes, createFunction };
}
