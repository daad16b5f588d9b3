'use client';

import { useMutation } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { fetchJson, jsonBody } from '@/lib/api/fetch-json';
import type { AbacVerification } from '@/lib/abac/types';
import { abacVerifySchema } from '@/lib/schemas/abac-views';
import { DECISION_CLASS, DECISION_LABEL, type AbacScope } from './abac-workbench';

/** "Verify with AWS": asks IAM's SimulatePrincipalPolicy about the explained cell and shows where it agrees with the portal. */
export function VerifyWithAws({ scope, action, cell }: { scope: AbacScope; action: string; cell: { principal: string; function: string } }) {
  const verify = useMutation({
    mutationFn: () =>
      fetchJson<AbacVerification>('/api/v1/abac/verify', {
        method: 'POST',
        json: jsonBody(abacVerifySchema, { target: scope.target.id, region: scope.region, action, principal: cell.principal, function: cell.function }),
      }),
  });
  const data = verify.data;
  return (
    <section aria-label="Verify with AWS" className="mt-3 border-t border-slate-200 pt-2">
      <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {verify.isPending ? 'Asking IAM…' : 'Verify with AWS'}
      </Button>
      {verify.error && (
        <p className="mt-2 rounded-md bg-red-50 p-2 text-xs text-red-800" role="alert">
          {verify.error.message}
        </p>
      )}
      {data && (
        <div className="mt-2" role="status">
          <p className={cn('rounded p-1 font-medium', data.agrees ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-900')}>
            {data.agrees ? 'IAM SimulatePrincipalPolicy agrees with the portal.' : 'IAM SimulatePrincipalPolicy differs from the portal.'}
          </p>
          <ul className="mt-1 space-y-1 text-xs">
            {data.results.map((r) => (
              <li key={r.action} className={cn('rounded p-1', r.agrees ? '' : 'bg-amber-50')}>
                <span className="font-mono">{r.action}</span>: portal{' '}
                <span className={cn('rounded px-1', DECISION_CLASS[r.portal])}>{DECISION_LABEL[r.portal]}</span>
                {r.portalPolicies.length > 0 && ` (${r.portalPolicies.join(', ')})`}, IAM{' '}
                {r.aws ? <span className={cn('rounded px-1', DECISION_CLASS[r.aws])}>{DECISION_LABEL[r.aws]}</span> : 'no answer'}
                {r.awsPolicies.length > 0 && ` (${r.awsPolicies.join(', ')})`}
                {r.missingContextValues.length > 0 && <> — IAM lacked {r.missingContextValues.join(', ')}</>}
                {r.withResourcePolicy && <> — with the function’s resource policy the matrix says {DECISION_LABEL[r.withResourcePolicy]}</>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
