import 'server-only';
import { FUNCTION_ACTIONS } from '@/server/abac/actions';
import type { MatrixFunction, MatrixPrincipal } from '@/server/abac/matrix';
import { compileFunctionPolicy, compilePrincipalPolicies, decideCell, nameDecidingStatements } from '@/server/abac/statements';
import type { AbacDecision, ExplainedDecision, GridCell, GridFunction, GridPrincipal } from '@/lib/abac/types';

// The matrix as the page shows it: filtered, grouped by tag combination, and decided one page at a
// time, so 100 principals × 1,000 functions costs one page of decisions (and DOM cells) per request.

export type GridOptions = {
  /** One Lambda action, or `all` (every function action; a cell counts the allowed ones). */
  action: string;
  principal?: string;
  function?: string;
  tag?: string;
  rowOffset: number;
  rowLimit: number;
  colOffset: number;
  colLimit: number;
};

/** The tag combination a row or column is grouped under (`no tags` for none). */
export function formatTagGroup(tags: Record<string, string>): string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'no tags' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

function matchesTag(tags: Record<string, string>, filter: string): boolean {
  const at = filter.indexOf('=');
  const key = (at === -1 ? filter : filter.slice(0, at)).toLowerCase();
  const value = at === -1 ? null : filter.slice(at + 1).toLowerCase();
  return Object.entries(tags).some(([k, v]) => k.toLowerCase() === key && (value === null || v.toLowerCase() === value));
}

const contains = (text: string, needle: string | undefined) => !needle || text.toLowerCase().includes(needle.toLowerCase());
const byGroupThenName = <T extends { group: string; name: string }>(a: T, b: T) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name);

/** The actions a cell decides: the one asked for, or every function action. */
export function listCellActions(action: string): readonly string[] {
  return action === 'all' ? FUNCTION_ACTIONS : [action];
}

/** Folds several actions' decisions into one cell: any explicit deny shows as denied, any allow as allowed. */
export function summariseCell(decisions: readonly AbacDecision[]): GridCell {
  const allowed = decisions.filter((d) => d === 'allowed').length;
  const decision: AbacDecision = decisions.includes('explicitDeny') && allowed === 0 ? 'explicitDeny' : allowed > 0 ? 'allowed' : 'implicitDeny';
  return { decision, allowed, of: decisions.length };
}

/** One filtered, grouped page of the matrix with its decisions. */
export function computeAbacGrid(principals: readonly MatrixPrincipal[], functions: readonly MatrixFunction[], options: GridOptions) {
  const rows = principals
    .filter((p) => contains(p.name, options.principal) && (!options.tag || matchesTag(p.tags, options.tag)))
    .map((p) => ({ source: p, group: formatTagGroup(p.tags), name: p.name }))
    .sort(byGroupThenName);
  const cols = functions
    .filter((f) => contains(f.name, options.function) && (!options.tag || matchesTag(f.tags, options.tag)))
    .map((f) => ({ source: f, group: formatTagGroup(f.tags), name: f.name }))
    .sort(byGroupThenName);
  const pageRows = rows.slice(options.rowOffset, options.rowOffset + options.rowLimit);
  const pageCols = cols.slice(options.colOffset, options.colOffset + options.colLimit);
  const actions = listCellActions(options.action);
  const resources = pageCols.map((c) => compileFunctionPolicy(c.source));
  const cells = pageRows.map(({ source: p }) => {
    const policies = compilePrincipalPolicies(p);
    return pageCols.map(({ source: f }, ci) => summariseCell(actions.map((a) => decideCell(p, policies, f, resources[ci] ?? null, a).decision)));
  });
  const principalsOut: GridPrincipal[] = pageRows.map(({ source: p, group }) => ({ arn: p.arn, kind: p.kind, name: p.name, tags: p.tags, group }));
  const functionsOut: GridFunction[] = pageCols.map(({ source: f, group }) => ({ arn: f.arn, name: f.name, tags: f.tags, group }));
  return {
    action: options.action,
    principals: principalsOut,
    functions: functionsOut,
    cells,
    totals: { principals: rows.length, functions: cols.length, allPrincipals: principals.length, allFunctions: functions.length },
    offsets: { row: options.rowOffset, col: options.colOffset },
  };
}

/** Every action's decision for one cell, with the deciding statements (named) and each condition's resolved values. */
export function explainAbacCell(principal: MatrixPrincipal, fn: MatrixFunction, action: string): ExplainedDecision[] {
  const policies = compilePrincipalPolicies(principal);
  const resource = compileFunctionPolicy(fn);
  return listCellActions(action).map((a) => {
    const result = decideCell(principal, policies, fn, resource, a);
    return { action: a, decision: result.decision, decidingStatements: nameDecidingStatements(principal, result), conditions: result.conditions };
  });
}
