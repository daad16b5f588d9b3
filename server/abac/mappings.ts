import 'server-only';
import type { MatrixPrincipal } from '@/server/abac/matrix';
import { describeStatement, listPrincipalStatements } from '@/server/abac/statements';
import type { MappingVia, StatementRef, TagMappingEdge, TagMappings } from '@/lib/abac/types';

// Which principal tag keys gate which resource tag keys, read from the policies' conditions:
// - `aws:ResourceTag/X` compared with `${aws:PrincipalTag/Y}`: Y gates X on existing functions;
// - `aws:RequestTag/X` compared with `${aws:PrincipalTag/Y}`: Y decides which X a new function or a
//   TagResource call may carry;
// - `aws:TagKeys`: which keys a request may send (no principal tag: the edge's `principalKey` is null);
// - a tag compared with fixed values: `principalKey` null and the values listed.

const VARIABLE = /\$\{\s*aws:PrincipalTag\/([^},\s]+)\s*(?:,[^}]*)?\}/gi;

function viaOf(keyText: string): { via: MappingVia; resourceKey: string } | null {
  const lower = keyText.toLowerCase();
  if (lower.startsWith('aws:resourcetag/')) return { via: 'resourceTag', resourceKey: keyText.slice('aws:ResourceTag/'.length) };
  if (lower.startsWith('aws:requesttag/')) return { via: 'requestTag', resourceKey: keyText.slice('aws:RequestTag/'.length) };
  return lower === 'aws:tagkeys' ? { via: 'tagKeys', resourceKey: '' } : null;
}

/** The principal-tag → resource-tag edges of every principal's identity policies, with the statements behind each. */
export function computeTagMappings(principals: readonly MatrixPrincipal[]): TagMappings {
  const edges = new Map<string, TagMappingEdge>();
  const add = (
    edge: Omit<TagMappingEdge, 'operators' | 'values' | 'statements'>,
    operator: string,
    value: string | null,
    ref: StatementRef,
    policyKey: string,
  ) => {
    const id = `${edge.via}|${edge.effect}|${edge.principalKey ?? ''}|${edge.resourceKey}`;
    const current = edges.get(id) ?? { ...edge, operators: [], values: [], statements: [] };
    edges.set(id, current);
    if (!current.operators.includes(operator)) current.operators.push(operator);
    if (value !== null && !current.values.includes(value)) current.values.push(value);
    const { principal, ...where } = ref;
    const existing = current.statements.find((s) => `${s.policy}|${s.sid ?? s.statementIndex}` === policyKey);
    if (existing) {
      if (!existing.principals.includes(principal)) existing.principals.push(principal);
    } else {
      current.statements.push({ ...where, label: describeStatement(ref), principals: [principal] });
    }
  };
  for (const principal of principals) {
    for (const { ref, statement } of listPrincipalStatements(principal)) {
      const policyKey = `${ref.policy}|${ref.sid ?? ref.statementIndex}`;
      for (const condition of statement.conditions) {
        const target = viaOf(condition.keyText);
        if (!target) continue;
        for (const value of condition.values) {
          if (target.via === 'tagKeys') {
            add({ principalKey: null, resourceKey: value.raw, via: 'tagKeys', effect: statement.effect }, condition.operator.text, null, ref, policyKey);
            continue;
          }
          const keys = [...value.raw.matchAll(VARIABLE)].map((m) => m[1] as string);
          if (keys.length === 0) add({ principalKey: null, ...target, effect: statement.effect }, condition.operator.text, value.raw, ref, policyKey);
          for (const key of keys) add({ principalKey: key, ...target, effect: statement.effect }, condition.operator.text, null, ref, policyKey);
        }
      }
    }
  }
  const list = [...edges.values()].sort(
    (a, b) => a.resourceKey.localeCompare(b.resourceKey) || (a.principalKey ?? '').localeCompare(b.principalKey ?? '') || a.via.localeCompare(b.via),
  );
  const unique = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))].sort();
  return { principalKeys: unique(list.map((e) => e.principalKey)), resourceKeys: unique(list.map((e) => e.resourceKey)), edges: list };
}
